/** Workflow task input is shaped by our own state machine; still, check it before trusting it. */
import { z } from 'zod';

export const submissionStepInput = z.object({ submissionId: z.uuid() });
export const documentStepInput = z.object({ submissionId: z.uuid(), documentId: z.uuid() });
