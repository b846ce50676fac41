/**
 * A document's preview and download, each through a fresh presigned URL (valid 60 s, audited).
 * PDFs show in a frame (the browser's own viewer), images in an <img>; TIFF and Word files are
 * downloaded to be opened. The URL is fetched when the reviewer asks, not on page load, so the
 * audit trail records what was actually looked at.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { DownloadDisposition } from '../../../src/contract/vocabulary.js';
import { describeError, useApi } from '../api/client.js';
import type { DocumentView, DownloadUrl } from '../api/types.js';
import { typeLabel } from '../format.js';

const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function canPreview(doc: Pick<DocumentView, 'contentType'>): boolean {
  return INLINE_TYPES.has(doc.contentType);
}

function Viewer({ doc, link }: { doc: DocumentView; link: DownloadUrl }) {
  const title = `${typeLabel(doc.documentType)}: ${doc.fileName}`;
  return doc.contentType === 'application/pdf' ? (
    <iframe className="preview__frame" src={link.url} title={`Preview of ${title}`} data-testid="pdf-preview" />
  ) : (
    <img className="preview__image" src={link.url} alt={`Preview of ${title}`} data-testid="image-preview" />
  );
}

export function DocumentPreview({ doc }: { doc: DocumentView }) {
  const api = useApi();
  const [shown, setShown] = useState<DownloadUrl | null>(null);
  const fetchUrl = useMutation({ mutationFn: (disposition: DownloadDisposition) => api.downloadUrl(doc.documentId, disposition) });
  const label = typeLabel(doc.documentType);

  const preview = async () => {
    if (shown) return setShown(null);
    setShown(await fetchUrl.mutateAsync('inline'));
  };
  const download = async () => {
    const link = await fetchUrl.mutateAsync('attachment');
    // The response says "attachment": the browser saves the file and stays on this page.
    window.location.assign(link.url);
  };

  return (
    <div className="preview">
      <div className="preview__actions">
        {canPreview(doc) && (
          <button type="button" className="button button--secondary button--small" onClick={() => void preview().catch(() => undefined)} aria-expanded={Boolean(shown)}>
            {shown ? 'Hide preview' : 'Show preview'}
            <span className="visually-hidden"> of the {label}</span>
          </button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={() => void download().catch(() => undefined)}>
          Download<span className="visually-hidden"> the {label}</span>
        </button>
      </div>
      {fetchUrl.isError && (
        <p className="notice notice--error" role="alert">
          The file could not be opened. {describeError(fetchUrl.error)}
        </p>
      )}
      {shown ? (
        <Viewer doc={doc} link={shown} />
      ) : (
        !canPreview(doc) && <p className="preview__none muted">This format cannot be shown in the browser. Download it to open it.</p>
      )}
    </div>
  );
}
