/**
 * aws-ses-v2-local keeps mail in memory only. This keeps every message it accepts (simple,
 * templated and raw MIME, attachments as base64) in a JSON-lines file under the data directory,
 * written before SES answers, and loads it back at start: `GET /store` and the mailbox page show
 * mail sent before a restart. It wraps the emulator's store module, whose functions its request
 * handlers look up at every call (the integration tests cover that this still holds).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

type StoredEmail = { messageId: string; at: number } & Record<string, unknown>;

interface SesStoreModule {
  saveEmail(email: StoredEmail): void;
  clearStore(): void;
  getStoreReadonly(): { emails: StoredEmail[] };
}

const require = createRequire(import.meta.url);
const sesStore = require('aws-ses-v2-local/dist/store') as SesStoreModule;
const original = { saveEmail: sesStore.saveEmail, clearStore: sesStore.clearStore };

function load(file: string): StoredEmail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as StoredEmail];
      } catch {
        return []; // empty, or cut short by a kill while it was written
      }
    });
}

/** Points the (process-wide) SES emulator's mailbox at `file`; returns a function that detaches it. */
export function persistMailbox(file: string): () => void {
  mkdirSync(path.dirname(file), { recursive: true });
  original.clearStore();
  sesStore.getStoreReadonly().emails.push(...load(file));
  sesStore.saveEmail = (email) => {
    appendFileSync(file, `${JSON.stringify(email)}\n`);
    original.saveEmail(email);
  };
  sesStore.clearStore = () => {
    original.clearStore();
    writeFileSync(file, '');
  };
  return () => {
    sesStore.saveEmail = original.saveEmail;
    sesStore.clearStore = original.clearStore;
  };
}
