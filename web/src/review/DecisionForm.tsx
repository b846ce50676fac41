/**
 * Verify or reject one document. A rejection needs the reason the provider will read (plain
 * text) and the kind of problem; the same schema as the API checks it before it is sent. A
 * decision can be changed until the review is completed. A decision refused because the
 * submission changed meanwhile (409) reloads what the page shows, then hands her decision and
 * what she typed to `onRefused`. What she types is kept until saved (`decision-drafts.ts`).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { REASON_CODE_LABELS, REVIEW_LIMITS, REVIEW_REASON_CODES, type ReviewReasonCode } from '../../../src/domain/review.js';
import { toFieldProblems } from '../../../src/domain/metadata-schema.js';
import { reviewRequestSchema } from '../../../src/domain/review-schema.js';
import { ApiError, describeError, useApi } from '../api/client.js';
import type { DocumentView, ReviewRequestBody } from '../api/types.js';
import { useAuth } from '../auth/AuthProvider.js';
import { Field, fieldId } from '../components/Field.js';
import { typeLabel } from '../format.js';
import { forgetDecisionDraft, keepDecisionDraft, readDecisionDraft, type DecisionDraft as Draft } from './decision-drafts.js';
import type { Refusal } from './RefusedDecision.js';
import { refreshAfterReview } from './refresh.js';

function initialDraft(doc: DocumentView): Draft {
  return { decision: doc.review?.decision ?? '', reasonCode: doc.review?.reasonCode ?? '', reason: doc.review?.reason ?? '' };
}

/** `replaces`: the decision the page shows, so one another reviewer saved meanwhile is never silently overwritten (409). */
function toBody(draft: Draft, replaces: string | null): unknown {
  if (draft.decision !== 'REJECTED') return { decision: draft.decision || undefined, replaces };
  return { decision: 'REJECTED', ...(draft.reason ? { reason: draft.reason } : {}), ...(draft.reasonCode ? { reasonCode: draft.reasonCode } : {}), replaces };
}

function reasonCount(reason: string): string {
  const over = reason.length - REVIEW_LIMITS.maxReasonLength;
  return `${reason.length} of ${REVIEW_LIMITS.maxReasonLength} characters${over > 0 ? `: ${over} too many.` : '.'}`;
}

const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409;

export function DecisionForm({ doc, submissionId, onRefused }: { doc: DocumentView; submissionId: string; onRefused: (refusal: Refusal | null) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const username = useAuth().session?.username ?? '';
  const [draft, setDraft] = useState<Draft>(() => readDecisionDraft(username, doc.documentId) ?? initialDraft(doc));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const sent = useRef<Draft | null>(null);
  const shownAtSave = useRef<string | null>(null);
  // The decision she saved here stands until the page shows another: a refresh that failed after
  // the save must not make her next change look like one over someone else's decision.
  const [savedHere, setSavedHere] = useState<{ over: string | null; decisionId: string } | null>(null);
  const shown = doc.review?.decisionId ?? null;
  const replaces = savedHere && savedHere.over === shown ? savedHere.decisionId : shown;
  const id = (name: string) => fieldId('decision', doc.documentId, name);
  const label = typeLabel(doc.documentType);
  const save = useMutation({
    mutationFn: (body: ReviewRequestBody) => api.reviewDocument(doc.documentId, body),
    onSuccess: async (view) => {
      if (view.review?.decisionId) setSavedHere({ over: shownAtSave.current, decisionId: view.review.decisionId });
      // Still kept if she changed it again while it was on its way.
      if (JSON.stringify(readDecisionDraft(username, doc.documentId)) === JSON.stringify(sent.current)) forgetDecisionDraft(username, doc.documentId);
      setSaved(`${view.review?.decision === 'REJECTED' ? 'Rejection' : 'Verification'} of the ${label} saved.`);
      await refreshAfterReview(queryClient, submissionId);
    },
    onError: async (error, body) => {
      if (isConflict(error)) {
        // The page first shows the submission as it now is, then says what changed beside it.
        await refreshAfterReview(queryClient, submissionId);
        onRefused({ decision: body.decision, reason: body.reason ?? '', message: error.message });
        return;
      }
      if (error instanceof ApiError && error.details.length > 0) setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
    },
  });

  const update = (changes: Partial<Draft>) => {
    const next = { ...draft, ...changes };
    setDraft(next);
    keepDecisionDraft(username, doc.documentId, next);
    setSaved(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.decision) problems.decision = 'Choose Verify or Reject.';
    if (draft.decision === 'REJECTED' && !draft.reasonCode) problems.reasonCode = 'Choose what is wrong with the document.';
    const parsed = reviewRequestSchema.safeParse(toBody(draft, replaces));
    if (!parsed.success) for (const problem of toFieldProblems(parsed.error)) problems[problem.path] ??= problem.message;
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !parsed.success) {
      document.getElementById(id(Object.keys(problems)[0] === 'decision' ? 'VERIFIED' : Object.keys(problems)[0]!))?.focus();
      return;
    }
    if (save.isPending) return;
    onRefused(null);
    sent.current = draft;
    shownAtSave.current = shown;
    save.mutate(parsed.data);
  };

  return (
    <form className="decision" onSubmit={onSubmit} noValidate aria-label={`Decision on the ${label}`}>
      <fieldset className={`decision__choices${errors.decision ? ' field--invalid' : ''}`} aria-describedby={id('decision-error')}>
        <legend className="field__label">Decision</legend>
        <p id={id('decision-error')} className="field__error" aria-live="polite">
          {errors.decision}
        </p>
        {(['VERIFIED', 'REJECTED'] as const).map((decision) => (
          <label key={decision} className="decision__choice" htmlFor={id(decision)}>
            <input id={id(decision)} type="radio" name={id('decision')} value={decision} checked={draft.decision === decision} onChange={() => update({ decision })} />
            {decision === 'VERIFIED' ? 'Verify' : 'Reject'}
          </label>
        ))}
      </fieldset>
      {draft.decision === 'REJECTED' && (
        <div className="decision__reject">
          <Field id={id('reasonCode')} label="What is wrong" error={errors.reasonCode}>
            {(props) => (
              <select {...props} value={draft.reasonCode} onChange={(event) => update({ reasonCode: event.target.value as ReviewReasonCode })}>
                <option value="">Choose…</option>
                {REVIEW_REASON_CODES.map((code) => (
                  <option key={code} value={code}>
                    {REASON_CODE_LABELS[code]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={id('reason')}
            label="Reason the provider will read"
            hint={`Shown to the provider as plain text in the portal and the email. ${reasonCount(draft.reason)}`}
            error={errors.reason}
          >
            {/* No maxLength: it would cut a pasted reason short without a word; the count and Save say what is too long. */}
            {(props) => <textarea {...props} rows={3} value={draft.reason} onChange={(event) => update({ reason: event.target.value })} />}
          </Field>
        </div>
      )}
      <div className="decision__actions">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the top of the page. */}
        <button type="submit" className="button button--small" aria-disabled={save.isPending}>
          {save.isPending ? 'Saving…' : doc.review ? 'Change decision' : 'Save decision'}
          <span className="visually-hidden"> on the {label}</span>
        </button>
        {/* Pending until the refetched submission lands: the message then shows with the label that follows from it, never beside "Saving…". */}
        <p className="decision__saved" role="status">
          {save.isPending ? null : saved}
        </p>
      </div>
      {save.isError && !isConflict(save.error) && !(save.error instanceof ApiError && save.error.details.length > 0) && (
        <p className="notice notice--error" role="alert">
          {describeError(save.error)}
        </p>
      )}
    </form>
  );
}
