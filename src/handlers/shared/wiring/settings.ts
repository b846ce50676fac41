import { randomBytes, randomUUID } from 'node:crypto';
import { systemClock } from '../../../adapters/system-clock.js';
import { numberEnv } from '../environment.js';
import { once } from './once.js';

export const clock = systemClock;
export const newId = () => randomUUID();
export const secureRandomBytes = (count: number) => new Uint8Array(randomBytes(count));
export const reviewSettings = once(() => ({
  reviewBusinessDays: numberEnv('REVIEW_BUSINESS_DAYS', 10),
  timeZone: process.env.REVIEW_TIME_ZONE || 'America/New_York',
}));
