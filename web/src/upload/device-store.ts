/**
 * What she entered and the files she chose, kept on this device in IndexedDB (which stores File
 * objects as they are), so a reload or an expired session loses nothing. Per signed-in user;
 * removed when she submits or discards the draft, when she signs out, and in any case
 * DRAFT_LIFETIME_HOURS after her last change — the lifetime of an unsubmitted draft on the
 * server. A draft's files live as long as the draft. A submitted draft's card keys are kept as
 * long, so a second tab still showing it is told instead of submitting it again. Where the
 * browser refuses IndexedDB the form still works; a reload then asks for the files again.
 *
 * One draft, however many tabs show it: each saved version has a revision, and a tab saves only
 * over the version it loaded or saved itself (`keepDraft`). A tab whose version another tab
 * replaced, cleared or submitted saves nothing more and is told (at once, by a BroadcastChannel
 * message; at its next save at the latest), so no tab silently overwrites what she typed in another.
 */
import { createStore, del, delMany, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { DRAFT_LIFETIME_HOURS } from '../../../src/domain/status.js';
import type { DraftForm } from './draft.js';

type Kind = 'draft' | 'file' | 'sent' | 'submitted';
type Key = [Kind, string, string];
interface Entry<T> {
  savedAt: number;
  value: T;
  /** Drafts only: which saved version this is. */
  revision?: string;
}

/** What another tab did to the draft this tab shows. */
export type DraftChange = { kind: 'changed' } | { kind: 'cleared' } | { kind: 'discarded' } | { kind: 'submitted'; submissionId: string };
type DraftMessage = DraftChange & { revision: string | null };

const KEEP_MS = DRAFT_LIFETIME_HOURS * 60 * 60 * 1000;
let store: UseStore | null | undefined;
/** Users who signed out in this page: a write still in flight for them is dropped. */
const signedOut = new Set<string>();

function db(): UseStore | null {
  if (store === undefined) store = typeof indexedDB === 'undefined' ? null : createStore('credentialing-portal', 'device');
  return store;
}

async function put<T>(key: Key, value: T, revision?: string): Promise<void> {
  const target = db();
  if (!target || signedOut.has(key[1])) return;
  await set(key, { savedAt: Date.now(), value, ...(revision ? { revision } : {}) } satisfies Entry<T>, target).catch(() => undefined);
}

const expired = (entry: Entry<unknown>) => Date.now() - entry.savedAt > KEEP_MS;

async function readEntry<T>(key: Key, { ownLifetime = true } = {}): Promise<Entry<T> | null> {
  const target = db();
  if (!target) return null;
  const entry = await get<Entry<T>>(key, target).catch(() => undefined);
  if (!entry) return null;
  if (ownLifetime && expired(entry)) {
    await del(key, target).catch(() => undefined);
    return null;
  }
  return entry;
}

const read = async <T>(key: Key, options?: { ownLifetime: boolean }): Promise<T | null> => (await readEntry<T>(key, options))?.value ?? null;

async function forget(match: (key: Key) => boolean): Promise<void> {
  const target = db();
  if (!target) return;
  const found = ((await keys<Key>(target).catch(() => [])) as Key[]).filter(match);
  if (found.length > 0) await delMany(found, target).catch(() => undefined);
}

const draftKey = (username: string): Key => ['draft', username, ''];
/** Every key of one kind of hers (array keys sort strings before arrays, so `[]` closes the range). */
const allOf = (kind: Kind, username: string) => IDBKeyRange.bound([kind, username], [kind, username, []]);
const channelFor = (username: string) => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`credentialing-draft:${username}`));

function announce(username: string, message: DraftMessage): void {
  const channel = channelFor(username);
  channel?.postMessage(message);
  channel?.close();
}

/**
 * Runs `write` in one transaction with the check that the saved draft is still at `revision`:
 * 'outdated' if it is not, 'failed' if the browser refused (nothing then changes hands).
 */
function writeIfAt(username: string, revision: string | null, write: (objects: IDBObjectStore) => void): Promise<'written' | 'outdated' | 'failed'> {
  const target = db();
  if (!target || signedOut.has(username)) return Promise.resolve('failed');
  return target('readwrite', (objects) =>
    promisifyRequest(objects.get(draftKey(username))).then((entry: Entry<DraftForm> | undefined) => {
      if ((entry?.revision ?? null) !== revision) return 'outdated' as const;
      write(objects);
      return promisifyRequest(objects.transaction).then(() => 'written' as const);
    }),
  ).catch(() => 'failed' as const);
}

/** Replaces her draft, whatever any tab shows (she opened another draft): returns its revision. */
export async function storeDraft(username: string, form: DraftForm): Promise<string> {
  const revision = crypto.randomUUID();
  await put<DraftForm>(draftKey(username), form, revision);
  announce(username, { kind: 'changed', revision });
  return revision;
}

/** Her draft is gone (submitted, or discarded on its page): a tab still showing it is told. */
const forgetDraftEntries = (username: string) => forget(([kind, user]) => user === username && (kind === 'draft' || kind === 'file'));

export async function forgetDraft(username: string, change: Exclude<DraftChange, { kind: 'changed' }>): Promise<void> {
  await forgetDraftEntries(username);
  announce(username, { ...change, revision: null });
}

export interface DraftKeeper {
  /** Saves the form over the version this tab holds; the latest form wins when saves queue up. */
  save(form: DraftForm): void;
  saveFile(cardKey: string, file: File): void;
  /** Forgets the draft, unless another tab changed it since (then that version stays). */
  forget(change: Exclude<DraftChange, { kind: 'changed' }>): Promise<void>;
  close(): void;
}

/**
 * The saving side of one tab's form, from the `revision` it loaded (null: nothing was saved).
 * `onChanged` is called when another tab replaced, cleared or submitted the draft (again when
 * it has more to say, e.g. submitted after changed); from the first call on this tab saves nothing.
 */
export function keepDraft(username: string, revision: string | null, onChanged: (change: DraftChange) => void): DraftKeeper {
  let current = revision;
  let stale = false;
  // The form is gone (she left the page): its edits stop, but the upload it started may still finish and forget the draft.
  let closed = false;
  let queue = Promise.resolve();
  let latest: DraftForm | null = null;
  const channel = channelFor(username);
  // The latest news wins: "changed" (the other tab saved her upload's progress), then "submitted".
  const outdated = (change: DraftChange) => {
    if (stale && change.kind === 'changed') return;
    stale = true;
    onChanged(change);
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<DraftMessage>) => {
      if (event.data.revision !== current) outdated(event.data);
    };
  }
  // A step that fails leaves the queue usable: the saves after it still run.
  const enqueue = (step: () => Promise<void>, afterClose = false) => {
    const done = queue.then(() => (stale || (closed && !afterClose) ? undefined : step()));
    queue = done.catch(() => undefined);
    return done;
  };
  const announce = (message: DraftMessage) => {
    if (!closed) return channel?.postMessage(message);
    const once = channelFor(username);
    once?.postMessage(message);
    once?.close();
  };
  return {
    save(form) {
      const first = latest === null;
      latest = form;
      if (!first) return;
      void enqueue(async () => {
        const next = crypto.randomUUID();
        const entry: Entry<DraftForm> = { savedAt: Date.now(), value: latest!, revision: next };
        latest = null;
        const result = await writeIfAt(username, current, (objects) => objects.put(entry, draftKey(username)));
        if (result === 'outdated') return outdated({ kind: 'changed' });
        if (result === 'failed') return;
        current = next;
        // The form may have closed while this was written (she left the page): told all the same.
        announce({ kind: 'changed', revision: next });
      });
    },
    saveFile(cardKey, file) {
      const entry: Entry<File> = { savedAt: Date.now(), value: file };
      void enqueue(async () => {
        if ((await writeIfAt(username, current, (objects) => objects.put(entry, ['file', username, cardKey]))) === 'outdated') outdated({ kind: 'changed' });
      });
    },
    forget(change) {
      return enqueue(async () => {
        const result = await writeIfAt(username, current, (objects) => {
          objects.delete(allOf('draft', username));
          objects.delete(allOf('file', username));
        });
        if (result === 'outdated') return outdated({ kind: 'changed' });
        if (result === 'failed') await forgetDraftEntries(username);
        current = null;
        announce({ ...change, revision: null });
      }, true);
    },
    close() {
      closed = true;
      if (channel) channel.onmessage = null;
      channel?.close();
    },
  };
}

export const storeSentFiles = (username: string, submissionId: string, files: (File | null)[]) => put(['sent', username, submissionId], files);

/** Her draft, the files this device still holds for it (by card key), and the revision saved. */
export async function loadDraft(username: string): Promise<{ form: DraftForm; files: Map<string, File>; revision: string | null } | null> {
  const entry = await readEntry<DraftForm>(draftKey(username));
  const form = entry?.value;
  if (!form || !Array.isArray(form.documents) || form.documents.length === 0) {
    await forgetDraftEntries(username);
    return null;
  }
  const files = new Map<string, File>();
  for (const doc of form.documents) {
    const file = doc.file ? await read<File>(['file', username, doc.key], { ownLifetime: false }) : null;
    if (file) files.set(doc.key, file);
  }
  return { form, files, revision: entry.revision ?? null };
}

/** The files of a submission she created here, in document order, for "Replace files" after a rejection. */
export const loadSentFiles = async (username: string, submissionId: string) => (await read<(File | null)[]>(['sent', username, submissionId])) ?? [];

/** The cards of a draft she submitted here: another tab still showing that draft must not submit it again. */
export const storeSubmittedCards = (username: string, submissionId: string, cardKeys: string[]) =>
  Promise.all(cardKeys.map((key) => put<string>(['submitted', username, key], submissionId)));

/** The submission a card of this draft already went into from this browser (another tab), or null. */
export async function submittedWith(username: string, cardKeys: string[]): Promise<string | null> {
  for (const key of cardKeys) {
    const submissionId = await read<string>(['submitted', username, key]);
    if (submissionId) return submissionId;
  }
  return null;
}

export const forgetSentFiles = (username: string, submissionId: string) => forget(([kind, user, id]) => kind === 'sent' && user === username && id === submissionId);

/** Signing out: nothing of hers stays on this device. */
export function forgetUser(username: string): Promise<void> {
  signedOut.add(username);
  return forget(([, user]) => user === username);
}

export function signedIn(username: string): void {
  signedOut.delete(username);
}

/** Drafts (with their files) and sent files past their lifetime, whoever left them (run once per page load). */
export async function forgetExpired(): Promise<void> {
  const target = db();
  if (!target) return;
  const all = (await keys<Key>(target).catch(() => [])) as Key[];
  const freshDrafts = new Set<string>();
  const stale: Key[] = [];
  for (const key of all.filter(([kind]) => kind !== 'file')) {
    const entry = await get<Entry<unknown>>(key, target).catch(() => undefined);
    if (!entry || expired(entry)) stale.push(key);
    else if (key[0] === 'draft') freshDrafts.add(key[1]);
  }
  stale.push(...all.filter(([kind, user]) => kind === 'file' && !freshDrafts.has(user)));
  if (stale.length > 0) await delMany(stale, target).catch(() => undefined);
}
