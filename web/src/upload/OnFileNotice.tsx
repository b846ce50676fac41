/**
 * Tells her, before she uploads, what a document she is adding from the plain form is to what she
 * sent before (`sentBefore`): the same credential still on its way — being checked or waiting for
 * review — which this one would take the place of, or the credential on file it renews or
 * replaces (the API makes it the next version: `impliedReplacements`). She learns it here rather
 * than from her history.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import type { CredentialVersionView } from '../../../src/contract/credentials.js';
import { documentTypeSpec, type DocumentType } from '../../../src/domain/catalog.js';
import { sentBefore, settling } from '../../../src/domain/credentials.js';
import { useApi } from '../api/client.js';
import { formatDate, formatDateTime } from '../format.js';
import { titleOf } from './draft.js';

export function OnFileNotice({ documentType, details }: { documentType: DocumentType; details: Record<string, string> }) {
  const api = useApi();
  // A key of its own: "My credentials" must not first paint what the form read before a submit.
  // Read again while something she sent is being checked: "being checked" becomes "waiting for review" with its reference.
  const credentials = useQuery({
    queryKey: ['credentials', 'on-file'],
    queryFn: () => api.getCredentials(),
    refetchInterval: (query) => (settling(query.state.data?.credentials ?? [], new Date()) ? 3000 : false),
  });
  const match = sentBefore(credentials.data?.credentials ?? [], { documentType, details });
  if (!match) return null;
  if (match.kind === 'ON_ITS_WAY') return <OnItsWay version={match.version} takesItsPlace={match.takesItsPlace} />;
  const { version } = match;
  return (
    <div className="notice notice--info renewing" role="note">
      <strong>
        {match.kind === 'RENEW' ? 'Renews' : 'Replaces'} your {titleOf(version)} on file
      </strong>
      <span>
        {version.referenceNumber ? `Sent under ${version.referenceNumber}` : 'Sent earlier'}
        {version.expirationDate ? `, it expires ${formatDate(version.expirationDate)}` : ''}.
      </span>
      <span>Once this one is received it becomes the current version; the earlier one stays in its history.</span>
    </div>
  );
}

/** The same credential, sent and not yet decided: most often she forgot she sent it; sometimes it is a corrected file. */
function OnItsWay({ version, takesItsPlace }: { version: CredentialVersionView; takesItsPlace: boolean }) {
  const title = titleOf(version);
  const standing = version.status === 'VALIDATING' ? 'it is still being checked' : 'it is waiting for review';
  return (
    <div className="notice notice--warning renewing" role="note">
      <strong>You already sent this {title}</strong>
      <span>
        Sent on {formatDateTime(version.uploadedAt)}
        {version.referenceNumber ? ` under reference ${version.referenceNumber}` : ''}, {standing}.{' '}
        <Link to={portalPaths.submission(version.submissionId)}>See that submission</Link>
      </span>
      <span>
        {takesItsPlace
          ? 'If you send this one too, it takes the place of the one you sent then.'
          : `If you send this one too, both are kept, as two ${documentTypeSpec(version.documentType).label}s.`}
      </span>
      <span>If it is the same document, you do not need to send it again: remove this card.</span>
    </div>
  );
}
