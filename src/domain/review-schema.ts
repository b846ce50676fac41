/**
 * The decision request as a zod schema, shared by the API (authoritative) and the review screen
 * (immediate feedback). Its own module so the portal's main bundle does not carry zod (zod/mini:
 * every message is ours, so no locale is loaded).
 */
import * as z from 'zod/mini';
import type { ReviewRequestBody } from '../contract/http.js';
import { REVIEW_DECISIONS, REVIEW_REASON_CODES } from '../contract/vocabulary.js';
import { hiddenCharacterProblem } from './plain-text.js';
import { REVIEW_LIMITS } from './review.js';

const reasonSchema = z
  .string({ error: 'Write the reason as text.' })
  .check(
    z.trim(),
    z.minLength(1, 'Write the reason the provider will read.'),
    z.maxLength(REVIEW_LIMITS.maxReasonLength, `The reason must be at most ${REVIEW_LIMITS.maxReasonLength} characters.`),
    // The provider's fields' rule, with line breaks and tabs allowed: a reason may run to several lines.
    z.superRefine((text, context) => {
      const hidden = hiddenCharacterProblem(text, { lines: true });
      if (hidden) context.addIssue({ code: 'custom', message: `The reason ${hidden}. Retype it as plain text.` });
    }),
  );

const REPLACES_PROBLEM = 'Replaces must be the decisionId of the decision the page shows, or null when it shows none.';

export const reviewRequestSchema = z
  .strictObject(
    {
      decision: z.enum(REVIEW_DECISIONS, { error: `Decision must be ${REVIEW_DECISIONS.join(' or ')}.` }),
      reason: z.optional(reasonSchema),
      reasonCode: z.optional(z.enum(REVIEW_REASON_CODES, { error: `Reason code must be one of ${REVIEW_REASON_CODES.join(', ')}.` })),
      replaces: z.optional(z.nullable(z.string({ error: REPLACES_PROBLEM }).check(z.minLength(1, REPLACES_PROBLEM), z.maxLength(200, REPLACES_PROBLEM)))),
    },
    { error: 'Send a JSON object with a "decision".' },
  )
  .check(
    z.superRefine((body, context) => {
      if (body.decision === 'REJECTED' && body.reason === undefined) {
        context.addIssue({ code: 'custom', path: ['reason'], message: 'Write the reason the provider will read: a rejection needs one.' });
      }
      if (body.decision === 'VERIFIED' && body.reasonCode !== undefined) {
        context.addIssue({ code: 'custom', path: ['reasonCode'], message: 'A reason code explains a rejection; leave it out when verifying.' });
      }
    }),
  );

// The schema's output is exactly the contract's request body.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const reviewBodyMatchesContract: Equal<z.output<typeof reviewRequestSchema>, ReviewRequestBody> = true;
void reviewBodyMatchesContract;
