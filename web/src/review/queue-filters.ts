/**
 * The review queue's filters live in its address (`?q=&status=&type=`), so going back from a
 * submission, reloading, or signing in again after the session expired shows the queue as she
 * left it. The tab also remembers the last filtered address, for the review page's way back.
 */
import { useEffect, useState } from 'react';
import { useLocation, useNavigationType, useSearchParams } from 'react-router';
import { DOCUMENT_TYPES, type DocumentType } from '../../../src/domain/catalog.js';
import type { ReviewQueueStatus } from '../../../src/contract/vocabulary.js';

export const QUEUE_PATH = '/review';
const QUEUE_STATUSES: readonly ReviewQueueStatus[] = ['RECEIVED', 'IN_REVIEW'];
const REMEMBERED = 'credentialing-review-queue-search';

export interface QueueFilters {
  search: string;
  status: ReviewQueueStatus | '';
  documentType: DocumentType | '';
}

/** What the address asks for; an unknown status or type (an edited or outdated link) reads as none. */
export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get('status') ?? '';
  const documentType = params.get('type') ?? '';
  return {
    search: params.get('q') ?? '',
    status: (QUEUE_STATUSES as readonly string[]).includes(status) ? (status as ReviewQueueStatus) : '',
    documentType: (DOCUMENT_TYPES as readonly string[]).includes(documentType) ? (documentType as DocumentType) : '',
  };
}

function queueSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.documentType) params.set('type', filters.documentType);
  const search = params.toString();
  return search ? `?${search}` : '';
}

function remember(search: string): void {
  try {
    sessionStorage.setItem(REMEMBERED, search);
  } catch {
    // Storage refused (private mode, quota): the way back shows the whole queue.
  }
}

/** The queue as she last filtered it in this tab: the review page's way back to it. */
export function lastQueuePath(): string {
  const remembered = (() => {
    try {
      return sessionStorage.getItem(REMEMBERED) ?? '';
    } catch {
      return '';
    }
  })();
  return `${QUEUE_PATH}${queueSearch(readQueueFilters(new URLSearchParams(remembered)))}`;
}

export function useQueueFilters(): [QueueFilters, (change: Partial<QueueFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const address = readQueueFilters(params);
  // What she types is held here at once and the address follows it: the router's search params
  // change a render later, so writing them per keystroke dropped letters typed in between.
  const [search, setSearch] = useState(address.search);
  // A navigation of hers to the queue (its menu link, Back) sets the search; only our own writes replace the entry.
  const location = useLocation();
  const navigationType = useNavigationType();
  const [arrival, setArrival] = useState(location.key);
  if (location.key !== arrival) {
    setArrival(location.key);
    if (navigationType !== 'REPLACE') setSearch(address.search);
  }
  const filters = { ...address, search };
  const shown = queueSearch(filters);
  const inAddress = queueSearch(address);
  useEffect(() => {
    remember(shown);
    // Each change replaces the entry: Back leaves the queue, it does not undo letters.
    if (shown !== inAddress) setParams(new URLSearchParams(shown), { replace: true });
  }, [shown, inAddress, setParams]);
  const change = (next: Partial<QueueFilters>) => {
    if (next.search !== undefined) setSearch(next.search);
    if (next.status !== undefined || next.documentType !== undefined) setParams(new URLSearchParams(queueSearch({ ...filters, ...next })), { replace: true });
  };
  return [filters, change];
}

/** On sign-out: what she searched for (a provider's name) is not left for the next person at this computer. */
export function forgetQueueFilters(): void {
  try {
    sessionStorage.removeItem(REMEMBERED);
  } catch {
    // Nothing was kept.
  }
}
