import { randomBytes, randomUUID } from 'node:crypto';
import { systemClock } from '../../../adapters/system-clock.js';
import type { Branding } from '../../../emails/types.js';
import { numberEnv, requireEnv } from '../environment.js';
import { once } from './once.js';

export const clock = systemClock;
export const newId = () => randomUUID();
export const secureRandomBytes = (count: number) => new Uint8Array(randomBytes(count));
export const reviewSettings = once(() => ({
  reviewBusinessDays: numberEnv('REVIEW_BUSINESS_DAYS', 10),
  timeZone: process.env.REVIEW_TIME_ZONE || 'America/New_York',
}));

/** Who the emails come from and how to reach them: the stack's parameters, set by `bindEmailSending`. */
export const branding = once(
  (): Branding => ({
    organizationName: requireEnv('ORGANIZATION_NAME'),
    officeName: requireEnv('OFFICE_NAME'),
    contactEmail: requireEnv('CONTACT_EMAIL_ADDRESS'),
    contactPhone: requireEnv('CONTACT_PHONE_NUMBER'),
    portalUrl: requireEnv('PORTAL_URL'),
  }),
);
