/** Browser-side file work: SHA-256 with WebCrypto, and presigned-POST uploads with progress. */
import type { PresignedUpload } from './types.js';

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** Whether an upload link has expired, or will within `marginMs`, by this device's clock. */
export function linkExpired(upload: PresignedUpload, marginMs = 0): boolean {
  return Date.parse(upload.expiresAt) - marginMs < Date.now();
}

/** Uploads one file straight to S3: every policy field first, then the file (S3 requires that order). */
export function uploadFile(
  upload: PresignedUpload,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);

    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else if (xhr.status === 403 && linkExpired(upload)) {
        reject(new UploadError('The upload link expired. Retry to get a new one.', xhr.status));
      } else {
        reject(new UploadError(`The storage service refused the file (HTTP ${xhr.status}).`, xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError('The upload was interrupted. Check your connection.', 0));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.', 0));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
