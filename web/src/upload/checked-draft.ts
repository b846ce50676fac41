/**
 * The draft this device kept, checked against the API before it is shown. A draft whose
 * submission is no longer a draft went in — the page was reloaded while Submit was on its way,
 * or another tab of this browser submitted it — so it is shown as submitted, never as "nothing
 * was submitted", and the device forgets it.
 */
import { isNotFound, type Api } from '../api/client.js';
import type { SubmissionView } from '../api/types.js';
import { SessionExpired } from '../auth/AuthProvider.js';
import { forgetDraft, loadDraft, storeSubmittedCards, submittedWith } from './device-store.js';
import type { DraftForm } from './draft.js';
import type { LastRun } from './DraftNotices.js';
import { uploadUnderway } from './upload-lock.js';

export type CheckedDraft =
  /** `lastRun`: a Submit of this draft did not finish, is still uploading (from this page or another tab), or could not be checked. */
  | { kind: 'draft'; form: DraftForm; files: Map<string, File>; revision: string | null; lastRun: LastRun }
  /** `submission` is null when its status could not be read just now. */
  | { kind: 'submitted'; form: DraftForm; submissionId: string; submission: SubmissionView | null };

/** Her home page's reading of the draft (its notice of an upload under way or unfinished). */
export const homeDraftQueryKey = (username: string) => ['device-draft', username, 'home'] as const;

/** Null when there is no usable draft on this device. */
export async function checkedDraft(api: Api, username: string): Promise<CheckedDraft | null> {
  const saved = await loadDraft(username);
  if (!saved) return null;
  const keys = saved.form.documents.map((doc) => doc.key);
  const pending = saved.form.pendingSubmissionId;
  const sentAs = (await submittedWith(username, keys)) ?? pending;
  if (!sentAs) return { kind: 'draft', ...saved, lastRun: null };
  let submission: SubmissionView | null = null;
  try {
    submission = await api.getSubmission(sentAs);
  } catch (error) {
    if (error instanceof SessionExpired) throw error;
    // Gone (discarded long ago): nothing of this draft was submitted.
    if (isNotFound(error)) return { kind: 'draft', ...saved, form: { ...saved.form, pendingSubmissionId: undefined }, lastRun: null };
    if (sentAs === pending) return { kind: 'draft', ...saved, lastRun: 'unknown' };
  }
  if (submission?.status === 'AWAITING_UPLOAD') return { kind: 'draft', ...saved, lastRun: (await uploadUnderway(username)) ?? 'unfinished' };
  if (submission?.status === 'DISCARDED') return { kind: 'draft', ...saved, form: { ...saved.form, pendingSubmissionId: undefined }, lastRun: null };
  await storeSubmittedCards(username, sentAs, keys);
  await forgetDraft(username, { kind: 'submitted', submissionId: sentAs });
  return { kind: 'submitted', form: saved.form, submissionId: sentAs, submission };
}
