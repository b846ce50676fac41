/**
 * Tells her, before she submits, that a document she is adding from the plain form is the next
 * version of a credential on file (the same license, DEA number, policy or specialty): the API
 * makes it one (`impliedReplacements`), so she learns it here rather than from her history.
 */
import { useQuery } from '@tanstack/react-query';
import { credentialIdentity } from '../../../src/domain/credential-identity.js';
import type { DocumentType } from '../../../src/domain/catalog.js';
import { useApi } from '../api/client.js';
import { formatDate } from '../format.js';
import { titleOf } from './draft.js';

export function OnFileNotice({ documentType, details }: { documentType: DocumentType; details: Record<string, string> }) {
  const api = useApi();
  // A key of its own: "My credentials" must not first paint what the form read before a submit.
  const credentials = useQuery({ queryKey: ['credentials', 'on-file'], queryFn: () => api.getCredentials() });
  const identity = credentialIdentity({ documentType, details });
  if (identity === null) return null;
  // As the API chooses: the newest credential of that identity that can take a new version.
  const onFile = (credentials.data?.credentials ?? [])
    .filter((credential) => credential.action !== null && credentialIdentity(credential.current) === identity)
    .sort((a, b) => b.current.uploadedAt.localeCompare(a.current.uploadedAt))[0];
  if (!onFile) return null;
  const { current } = onFile;
  return (
    <div className="notice notice--info renewing" role="note">
      <strong>
        {onFile.action === 'RENEW' ? 'Renews' : 'Replaces'} your {titleOf(current)} on file
      </strong>
      <span>
        {current.referenceNumber ? `Sent under ${current.referenceNumber}` : 'Sent earlier'}
        {current.expirationDate ? `, it expires ${formatDate(current.expirationDate)}` : ''}.
      </span>
      <span>Once this one is received it becomes the current version; the earlier one stays in its history.</span>
    </div>
  );
}
