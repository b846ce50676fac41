/**
 * What she entered and the files she chose, kept on this device in IndexedDB (which stores File
 * objects as they are), so a reload or an expired session loses nothing. Per signed-in user;
 * removed when she submits or discards the draft, when she signs out, and in any case
 * DRAFT_LIFETIME_HOURS after her last change — the lifetime of an unsubmitted draft on the
 * server. A draft's files live as long as the draft. A submitted draft's card keys are kept as
 * long, so a second tab still showing it is told instead of submitting it again. Where the
 * browser refuses IndexedDB the form still works; a reload then asks for the files again.
 */
import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';
import { DRAFT_LIFETIME_HOURS } from '../../../src/domain/status.js';
import type { DraftForm } from './draft.js';

type Kind = 'draft' | 'file' | 'sent' | 'submitted';
type Key = [Kind, string, string];
interface Entry<T> {
  savedAt: number;
  value: T;
}

const KEEP_MS = DRAFT_LIFETIME_HOURS * 60 * 60 * 1000;
let store: UseStore | null | undefined;
/** Users who signed out in this page: a write still in flight for them is dropped. */
const signedOut = new Set<string>();

function db(): UseStore | null {
  if (store === undefined) store = typeof indexedDB === 'undefined' ? null : createStore('credentialing-portal', 'device');
  return store;
}

async function put<T>(key: Key, value: T): Promise<void> {
  const target = db();
  if (!target || signedOut.has(key[1])) return;
  await set(key, { savedAt: Date.now(), value } satisfies Entry<T>, target).catch(() => undefined);
}

const expired = (entry: Entry<unknown>) => Date.now() - entry.savedAt > KEEP_MS;

async function read<T>(key: Key, { ownLifetime = true } = {}): Promise<T | null> {
  const target = db();
  if (!target) return null;
  const entry = await get<Entry<T>>(key, target).catch(() => undefined);
  if (!entry) return null;
  if (ownLifetime && expired(entry)) {
    await del(key, target).catch(() => undefined);
    return null;
  }
  return entry.value;
}

async function forget(match: (key: Key) => boolean): Promise<void> {
  const target = db();
  if (!target) return;
  const found = ((await keys<Key>(target).catch(() => [])) as Key[]).filter(match);
  if (found.length > 0) await delMany(found, target).catch(() => undefined);
}

export const storeDraft = (username: string, form: DraftForm) => put<DraftForm>(['draft', username, ''], form);
export const storeFile = (username: string, cardKey: string, file: File) => put<File>(['file', username, cardKey], file);
export const storeSentFiles = (username: string, submissionId: string, files: (File | null)[]) => put(['sent', username, submissionId], files);

/** Her draft and the files this device still holds for it (by card key). */
export async function loadDraft(username: string): Promise<{ form: DraftForm; files: Map<string, File> } | null> {
  const form = await read<DraftForm>(['draft', username, '']);
  if (!form || !Array.isArray(form.documents) || form.documents.length === 0) {
    await forgetDraft(username);
    return null;
  }
  const files = new Map<string, File>();
  for (const doc of form.documents) {
    const file = doc.file ? await read<File>(['file', username, doc.key], { ownLifetime: false }) : null;
    if (file) files.set(doc.key, file);
  }
  return { form, files };
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

export const forgetDraft = (username: string) => forget(([kind, user]) => user === username && kind !== 'sent' && kind !== 'submitted');
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
