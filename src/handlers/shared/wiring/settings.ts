import { ENV } from '../../../contract/environment.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { systemClock } from '../../../adapters/system-clock.js';
import { numberEnv, optionalEnv } from '../environment.js';
import { once } from './once.js';

export const clock = systemClock;
export const newId = () => randomUUID();
export const secureRandomBytes = (count: number) => new Uint8Array(randomBytes(count));
export const reviewSettings = once(() => ({
  reviewBusinessDays: numberEnv(ENV.reviewBusinessDays, 10),
  timeZone: optionalEnv(ENV.reviewTimeZone) ?? 'America/New_York',
}));
