/**
 * While a tab uploads and submits her draft it holds a Web Lock, which the browser releases when
 * that run ends or the tab goes away (a closed tab never leaves it held). Another tab opening the
 * draft meanwhile can then say it is being uploaded elsewhere instead of "nothing was submitted",
 * and learns when that run is over. Without Web Locks nothing is held and nothing is known.
 */
const lockName = (username: string) => `credentialing-upload:${username}`;
const locks = () => (typeof navigator === 'undefined' ? undefined : navigator.locks);

export function whileUploading<T>(username: string, run: () => Promise<T>): Promise<T> {
  const manager = locks();
  return manager ? manager.request(lockName(username), run) : run();
}

export async function uploadingElsewhere(username: string): Promise<boolean> {
  const state = await locks()?.query().catch(() => undefined);
  return (state?.held ?? []).some((lock) => lock.name === lockName(username));
}

/** Resolves when no tab is uploading her draft any more (at once without Web Locks); rejects when `signal` aborts. */
export async function uploadEnded(username: string, signal: AbortSignal): Promise<void> {
  await locks()?.request(lockName(username), { signal }, () => undefined);
}
