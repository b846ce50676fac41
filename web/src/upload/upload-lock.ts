/**
 * While a tab uploads and submits her draft it holds a Web Lock, which the browser releases when
 * that run ends or the tab goes away (a closed tab never leaves it held). Another tab opening the
 * draft meanwhile can then say it is being uploaded elsewhere instead of "nothing was submitted",
 * and learns when that run is over. Without Web Locks nothing is held and nothing is known.
 */
const lockName = (username: string) => `credentialing-upload:${username}`;
const locks = () => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/** Users whose run this page holds the lock for: she may have left the form while it goes on. */
const heldHere = new Set<string>();

/** Runs of this page, with or without Web Locks: a reload now would stop one (web/src/new-version.ts). */
let runsHere = 0;

export function whileUploading<T>(username: string, run: () => Promise<T>): Promise<T> {
  const manager = locks();
  const counted = async () => {
    runsHere += 1;
    try {
      return await run();
    } finally {
      runsHere -= 1;
    }
  };
  if (!manager) return counted();
  return manager.request(lockName(username), async () => {
    heldHere.add(username);
    try {
      return await counted();
    } finally {
      heldHere.delete(username);
    }
  });
}

export const uploadingHere = (): boolean => runsHere > 0;

/** Where her draft is uploading right now: from this page (she left the form and came back), another tab, or nowhere. */
export type UploadUnderway = 'here' | 'elsewhere' | null;

export async function uploadUnderway(username: string): Promise<UploadUnderway> {
  if (heldHere.has(username)) return 'here';
  const state = await locks()?.query().catch(() => undefined);
  return (state?.held ?? []).some((lock) => lock.name === lockName(username)) ? 'elsewhere' : null;
}

/** Resolves when no tab is uploading her draft any more (at once without Web Locks); rejects when `signal` aborts. */
export async function uploadEnded(username: string, signal: AbortSignal): Promise<void> {
  await locks()?.request(lockName(username), { signal }, () => undefined);
}
