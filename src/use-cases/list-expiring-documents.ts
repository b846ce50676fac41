import type { ExpiringDocuments } from '../contract/credentials.js';
import type { Caller } from '../domain/caller.js';
import { toVersionView } from '../domain/credentials.js';
import { addDays, daysBetween, isoDateInZone } from '../domain/dates.js';
import { ValidationFailed } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { ExpirySchedule } from '../ports/expiry-schedule.js';
import { assertStaff } from './access.js';
import { LIMIT_PROBLEM, pageLimit, wholeNumberParam } from './list-params.js';
import { versionRecords } from './version-records.js';

export interface ExpiringParams {
  days?: string;
  limit?: string;
  nextToken?: string;
}

/** Staff: current documents of every provider that expire from today to `days` ahead, soonest first. */
export async function listExpiringDocuments(deps: { schedule: ExpirySchedule; clock: Clock; timeZone: string }, caller: Caller, params: ExpiringParams): Promise<ExpiringDocuments> {
  assertStaff(caller);
  const days = wholeNumberParam(params.days, 90, 1, 366);
  const limit = pageLimit(params.limit);
  const problems = [
    ...(days === null ? [{ path: 'days', message: 'Days must be a whole number from 1 to 366.' }] : []),
    ...(limit === null ? [LIMIT_PROBLEM] : []),
  ];
  if (problems.length > 0) throw new ValidationFailed('The list query is not valid.', problems);
  const today = isoDateInZone(deps.clock.now(), deps.timeZone);
  const until = addDays(today, days!);
  const page = await deps.schedule.listExpiring(today, until, limit!, params.nextToken);
  return {
    today,
    until,
    items: versionRecords(page.items).map((doc) => ({
      provider: { providerId: doc.providerId, name: doc.received?.owner.name ?? '', email: doc.received?.owner.email ?? '' },
      document: toVersionView(doc, true),
      daysToExpiry: daysBetween(today, doc.expirationDate!),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
