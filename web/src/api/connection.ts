/** Whether the browser has a connection, as it reports it (`navigator.onLine` and its `online` event). */
import { NETWORK_ERROR, SignInError } from '../auth/cognito.js';
import { ApiError } from './client.js';

export const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Resolves when the browser reports its connection back (at once when it has one). */
export const online = () =>
  new Promise<void>((resolve) => {
    if (!offline()) resolve();
    else window.addEventListener('online', () => resolve(), { once: true });
  });

/** Failed for want of a connection: the API or the sign-in service never answered. */
export const unreachable = (error: unknown) => (error instanceof ApiError && error.status === 0) || (error instanceof SignInError && error.code === NETWORK_ERROR);
