/**
 * Upload and submit, step by step: SHA-256 of each file, create the submission, upload every
 * file to its presigned POST (three at a time, each retried twice before asking her), submit.
 * A failed upload can be retried without creating a second submission; a draft whose upload did
 * not finish is sent on with only its missing files when the form is what it holds (`resume.ts`).
 */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useBlocker } from 'react-router';
import { ApiError, describeError, useApi } from '../api/client.js';
import { offline, online, unreachable } from '../api/connection.js';
import type { CreateDocumentBody, CreatedSubmission, PresignedUpload } from '../api/types.js';
import { linkExpired, sha256Hex, uploadFile, UploadError } from '../api/upload.js';
import { fileFor, toCreateDocument, type DraftDocument } from './draft.js';
import { resumeDraft, type SentDocument, type UnfinishedDraft } from './resume.js';

export type Phase = 'idle' | 'hashing' | 'creating' | 'uploading' | 'submitting' | 'failed';

export interface FileProgress {
  key: string;
  name: string;
  size: number;
  loaded: number;
  /** `offline`: the browser says it has no connection; the upload goes on by itself once it is back. */
  state: 'waiting' | 'uploading' | 'retrying' | 'offline' | 'done' | 'failed';
  /** Done before this run: it arrived from an upload that did not finish, and is not sent again. */
  arrivedEarlier?: boolean;
  error?: string;
}

export interface RunResult {
  submissionId?: string;
  /** Nothing was sent: these documents already went in as this submission (a Submit whose answer she never saw). */
  alreadySubmitted?: string;
  /** The API refused the metadata: field problems to show on the form. */
  rejected?: ApiError;
}

/** A created submission's upload: its files as hashed and declared, and each document's current upload link. */
interface Run {
  submission: CreatedSubmission;
  keys: string[];
  files: File[];
  links: Map<string, PresignedUpload>;
}

const AUTO_RETRIES = 2;
/** A link this close to expiring is renewed before the upload starts (a file takes a while to send). */
const LINK_MARGIN_MS = 30_000;
const CONCURRENCY = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunHooks {
  /** The token for creating a submission of `bodies`, kept before the create is sent (in case the page goes away). */
  clientTokenFor(bodies: CreateDocumentBody[]): string;
  forgetClientToken(): void;
  /** The submission exists (its files are about to upload): remember it, in case the page goes away. */
  onCreated(submissionId: string, files: File[], sent: SentDocument[]): void;
}

export function useUploadRun(hooks: RunHooks) {
  const api = useApi();
  const [phase, setPhase] = useState<Phase>('idle');
  const [files, setFiles] = useState<FileProgress[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** A request of the sequence (create, new links, submit) waits for the browser's connection. */
  const [waitingForConnection, setWaitingForConnection] = useState(false);
  // The files as hashed and declared: what uploads (and is retried) even if a card changes meanwhile.
  const created = useRef<Run | null>(null);

  /**
   * One request of the sequence, sent only while the browser has a connection, and sent again once
   * it is back when it failed because the connection went (each is safe to repeat: submit is
   * idempotent, and a create carries one client token per Submit, so a create whose answer was
   * lost answers the same draft again instead of leaving one behind).
   */
  const whenOnline = useCallback(async <T>(request: () => Promise<T>): Promise<T> => {
    for (;;) {
      if (offline()) {
        setWaitingForConnection(true);
        await online();
        setWaitingForConnection(false);
      }
      try {
        return await request();
      } catch (requestError) {
        if (!(offline() && unreachable(requestError))) throw requestError;
      }
    }
  }, []);

  // One request for new links, however many uploads find theirs expired at once.
  const renewing = useRef<Promise<void> | null>(null);
  const renewLinks = useCallback(
    (run: Run): Promise<void> =>
      (renewing.current ??= whenOnline(() => api.renewUploadLinks(run.submission.submissionId))
        .then((renewed) => {
          for (const doc of renewed.documents) run.links.set(doc.documentId, doc.upload);
        })
        .finally(() => {
          renewing.current = null;
        })),
    [api, whenOnline],
  );

  const patch = useCallback((key: string, change: Partial<FileProgress>) => {
    setFiles((current) => current.map((file) => (file.key === key ? { ...file, ...change } : file)));
  }, []);

  const uploadAll = useCallback(
    async (run: Run, only?: Set<string>): Promise<boolean> => {
      const { submission, keys, files: chosen } = run;
      setPhase('uploading');
      const queue = keys.map((key, index) => ({ key, index })).filter(({ key }) => !only || only.has(key));
      let ok = true;
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const file = chosen[next.index]!;
          const { documentId } = submission.documents[next.index]!;
          for (let attempt = 0; ; attempt++) {
            // Offline, an attempt would only fail: it waits for the connection instead of spending a retry.
            if (offline()) {
              patch(next.key, { state: 'offline', loaded: 0, error: undefined });
              await online();
            }
            patch(next.key, { state: attempt === 0 ? 'uploading' : 'retrying', loaded: 0, error: undefined });
            try {
              const key = next.key;
              // A file queued behind others, or retried after a drop, may start after its link expired:
              // new links first (by this device's clock), or after S3 refused the old one.
              if (linkExpired(run.links.get(documentId)!, LINK_MARGIN_MS)) await renewLinks(run);
              const send = () => uploadFile(run.links.get(documentId)!, file, (loaded, total) => patch(key, { loaded: Math.round((file.size * loaded) / Math.max(total, 1)) }));
              await send().catch(async (uploadError: unknown) => {
                if (!(uploadError instanceof UploadError && uploadError.status === 403)) throw uploadError;
                await renewLinks(run);
                await send();
              });
              patch(next.key, { state: 'done', loaded: file.size });
              break;
            } catch (uploadError) {
              // Failed because the connection went: not counted, retried once it is back (above).
              if (offline()) {
                attempt--;
                continue;
              }
              if (attempt < AUTO_RETRIES) {
                await sleep(1000 * 2 ** attempt);
                continue;
              }
              ok = false;
              patch(next.key, { state: 'failed', error: (uploadError as Error).message });
              break;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return ok;
    },
    [patch, renewLinks],
  );

  const finish = useCallback(
    async (submissionId: string): Promise<RunResult> => {
      setPhase('submitting');
      try {
        await whenOnline(() => api.submit(submissionId));
        created.current = null;
        return { submissionId };
      } catch (submitError) {
        setPhase('failed');
        setError(`Your files are uploaded, but submitting failed: ${describeError(submitError)}`);
        return {};
      }
    },
    [api, whenOnline],
  );

  const reset = useCallback(() => {
    created.current = null;
    setPhase('idle');
    setFiles([]);
    setError(null);
    setWaitingForConnection(false);
  }, []);

  /** The unfinished draft sent on with fresh links, or, when it cannot be, replaced by a new submission. */
  const prepare = useCallback(
    async (bodies: CreateDocumentBody[], keys: string[], chosen: File[], unfinished?: UnfinishedDraft): Promise<{ run: Run; arrived: boolean[] } | { alreadySubmitted: string }> => {
      const resumed = unfinished ? await whenOnline(() => resumeDraft(api, unfinished, bodies)) : null;
      if (unfinished && resumed) {
        const documents = unfinished.sent!.map(({ documentId, body }) => ({ documentId, documentType: body.documentType, upload: resumed.links.get(documentId)! }));
        return { run: { submission: { submissionId: unfinished.submissionId, status: 'AWAITING_UPLOAD', documents }, keys, files: chosen, links: resumed.links }, arrived: resumed.arrived };
      }
      // A draft changed since (or that this device knows too little about) is replaced. One the API
      // refuses to discard was submitted (she left while Submit was on its way): nothing is sent again.
      if (unfinished) {
        const submitted = await whenOnline(() => api.discard(unfinished.submissionId)).then(
          () => false,
          (discardError) => discardError instanceof ApiError && discardError.status === 409,
        );
        if (submitted) return { alreadySubmitted: unfinished.submissionId };
      }
      setPhase('creating');
      const create = () => {
        const clientToken = hooks.clientTokenFor(bodies);
        return whenOnline(() => api.createSubmission(bodies, clientToken));
      };
      const submission = await create().catch((createError: unknown) => {
        // A kept token whose draft went on without this device (discarded after its 24 hours): a new token, a new draft.
        if (!(createError instanceof ApiError && createError.status === 409)) throw createError;
        hooks.forgetClientToken();
        return create();
      });
      hooks.onCreated(submission.submissionId, chosen, submission.documents.map(({ documentId }, index) => ({ documentId, body: bodies[index]! })));
      return { run: { submission, keys, files: chosen, links: new Map(submission.documents.map((doc) => [doc.documentId, doc.upload])) }, arrived: keys.map(() => false) };
    },
    [api, hooks, whenOnline],
  );

  const start = useCallback(
    async (documents: DraftDocument[], unfinished?: UnfinishedDraft): Promise<RunResult> => {
      setError(null);
      created.current = null;
      setFiles(documents.map((doc) => ({ key: doc.key, name: doc.file!.name, size: doc.file!.size, loaded: 0, state: 'waiting' })));
      try {
        setPhase('hashing');
        const keys = documents.map((doc) => doc.key);
        const chosen = documents.map((doc) => fileFor(doc.key)!);
        const body = [];
        for (const [index, doc] of documents.entries()) body.push(toCreateDocument(doc, chosen[index]!, await sha256Hex(chosen[index]!)));
        const prepared = await prepare(body, keys, chosen, unfinished);
        if ('alreadySubmitted' in prepared) {
          reset();
          return prepared;
        }
        const { run, arrived } = prepared;
        created.current = run;
        setFiles((current) => current.map((file, index) => (arrived[index] ? { ...file, state: 'done', loaded: file.size, arrivedEarlier: true } : file)));
        if (!(await uploadAll(run, new Set(keys.filter((_, index) => !arrived[index]))))) {
          setPhase('failed');
          setError('Some files could not be uploaded. Check your connection, then retry them.');
          return {};
        }
        return await finish(run.submission.submissionId);
      } catch (runError) {
        setPhase('idle');
        if (runError instanceof ApiError && runError.status === 400 && runError.details.length > 0) {
          return { rejected: runError };
        }
        setError(describeError(runError));
        return {};
      }
    },
    [prepare, uploadAll, finish, reset],
  );

  const retryFailed = useCallback(async (): Promise<RunResult> => {
    const current = created.current;
    if (!current) return {};
    setError(null);
    const failed = new Set(files.filter((file) => file.state === 'failed').map((file) => file.key));
    if (failed.size > 0 && !(await uploadAll(current, failed))) {
      setPhase('failed');
      setError('Some files still could not be uploaded. Check your connection and retry, or submit again.');
      return {};
    }
    return finish(current.submission.submissionId);
  }, [files, uploadAll, finish]);

  return { phase, files, error, waitingForConnection, start, retryFailed, reset, canRetry: phase === 'failed' && created.current !== null };
}

const LEAVE_MID_UPLOAD =
  'Your documents are still being uploaded. If you leave this page, they keep uploading while this tab stays open, and you get an email once they are received. Leave this page?';

/**
 * While `active` (a run under way), leaving the page asks first: a reload or a closed tab with the
 * browser's own prompt, a link or Back inside the portal with ours. Returns whether the page is
 * still shown (set it to false before navigating away on purpose).
 */
export function useLeaveGuard(active: boolean): MutableRefObject<boolean> {
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => active && shown.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(LEAVE_MID_UPLOAD)) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  return shown;
}
