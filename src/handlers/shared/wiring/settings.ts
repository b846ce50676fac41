import { ENV } from '../../../contract/environment.js';
import { DEFAULT_OFFICE_TIME_ZONE } from '../../../contract/office.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { systemClock } from '../../../adapters/system-clock.js';
import type { Branding } from '../../../emails/types.js';
import { numberEnv, optionalEnv, requireEnv } from '../environment.js';
import { once } from './once.js';

export const clock = systemClock;
export const newId = () => randomUUID();
export const secureRandomBytes = (count: number) => new Uint8Array(randomBytes(count));
export const reviewSettings = once(() => ({
  reviewBusinessDays: numberEnv(ENV.reviewBusinessDays, 10),
  timeZone: optionalEnv(ENV.reviewTimeZone) ?? DEFAULT_OFFICE_TIME_ZONE,
}));

/** Who the emails come from and how to reach them: the stack's parameters, set by `bindEmailSending`. */
export const branding = once(
  (): Branding => ({
    organizationName: requireEnv(ENV.organizationName),
    officeName: requireEnv(ENV.officeName),
    contactEmail: requireEnv(ENV.contactEmail),
    contactPhone: requireEnv(ENV.contactPhone),
    portalUrl: requireEnv(ENV.portalUrl),
  }),
);
