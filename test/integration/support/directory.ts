/** The staff provider directory as the integration tests read it. */
import { expect } from 'vitest';
import type { ProviderDirectoryEntry } from '../../../src/contract/credentials.js';
import { callApi, type ApiTarget } from '../../../testkit/local-api.js';

/** Every page of `GET /providers` for `q`, `limit` at a time, as `staffToken`. */
export async function everyDirectoryPage(stack: ApiTarget, staffToken: string, q: string, limit: number): Promise<{ items: ProviderDirectoryEntry[]; pages: number }> {
  const items: ProviderDirectoryEntry[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await callApi(stack, 'GET', `/providers?limit=${limit}${q ? `&q=${encodeURIComponent(q)}` : ''}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`, staffToken);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    nextToken = page.body.nextToken;
    pages++;
  } while (nextToken);
  return { items, pages };
}
