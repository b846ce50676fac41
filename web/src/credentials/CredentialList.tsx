/**
 * A provider's credentials, one entry per credential in catalog order: the current version,
 * where it stands, what she can do (renew or replace), and its history of versions. The same
 * view serves her ("My credentials") and staff (a provider's page), who get no actions.
 */
import { Link } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { CATALOG } from '../../../src/domain/catalog.js';
import { reviewStandingOf } from '../../../src/domain/credentials.js';
import type { CredentialVersionView, CredentialView, ProviderCredentials } from '../api/types.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatDate, formatDateTime, standingLabel, typeLabel } from '../format.js';

function credentialTitle(doc: Pick<CredentialVersionView, 'documentType' | 'details'>): string {
  return doc.details.jurisdiction ? `${typeLabel(doc.documentType)} (${doc.details.jurisdiction})` : typeLabel(doc.documentType);
}

const NUMBER_LABELS: Record<string, string> = { licenseNumber: 'License number', deaNumber: 'DEA number', policyNumber: 'Policy number' };

function VersionLine({ version, current }: { version: CredentialVersionView; current: boolean }) {
  return (
    <li className="history__item">
      <div className="history__head">
        <span className="history__file">{version.fileName}</span>
        <StatusBadge status={version.status} kind="document" />
        {current && <span className="muted">(current)</span>}
      </div>
      <p className="history__facts muted">
        {/* Versions are listed in the order they were received, so that is the time shown. */}
        {version.receivedAt ? `Received ${formatDateTime(version.receivedAt)}` : `Uploaded ${formatDateTime(version.uploadedAt)}`}
        {version.expirationDate && <> · expires {formatDate(version.expirationDate)}</>}
        {version.referenceNumber && (
          <>
            {' '}· <Link to={portalPaths.submission(version.submissionId)} className="mono">{version.referenceNumber}</Link>
          </>
        )}
        {!version.referenceNumber && (
          <>
            {' '}· <Link to={portalPaths.submission(version.submissionId)}>submission</Link>
          </>
        )}
        {version.supersededAt && <> · replaced {formatDateTime(version.supersededAt)}</>}
      </p>
    </li>
  );
}

function CredentialItem({ credential, canAct }: { credential: CredentialView; canAct: boolean }) {
  const { current, standing, daysToExpiry, action } = credential;
  const title = credentialTitle(current);
  const badge = standingLabel(standing, daysToExpiry);
  // "Expires in 9 days" alone would not say whether the document was ever verified.
  const review = standing === 'EXPIRING' ? standingLabel(reviewStandingOf(current.status), null) : null;
  const numberField = Object.keys(NUMBER_LABELS).find((name) => current.details[name]);
  const historyId = `history-${credential.credentialId}`;
  return (
    <li className={`credential credential--${badge.tone}`} data-testid="credential">
      <div className="credential__head">
        <h3 className="credential__title">{title}</h3>
        <span className="credential__badges">
          <span className={`badge badge--${badge.tone}`}>{badge.label}</span>
          {review && <span className={`badge badge--${review.tone}`}>{review.label}</span>}
        </span>
      </div>
      <dl className="doc-item__meta">
        {numberField && (
          <div>
            <dt>{NUMBER_LABELS[numberField]}</dt>
            <dd>{current.details[numberField]}</dd>
          </div>
        )}
        <div>
          <dt>Expires</dt>
          <dd>{current.expirationDate ? formatDate(current.expirationDate) : 'Does not expire'}</dd>
        </div>
        <div>
          <dt>File</dt>
          <dd className="credential__file">{current.fileName}</dd>
        </div>
      </dl>
      {canAct && action && (
        <p className="credential__actions">
          <Link to={portalPaths.replaceDocument(current.documentId)} className={`button button--small${standing === 'EXPIRING' || standing === 'EXPIRED' || action === 'REPLACE' ? '' : ' button--secondary'}`}>
            {action === 'RENEW' ? 'Renew' : 'Replace'}
            <span className="visually-hidden"> your {title}</span>
          </Link>
        </p>
      )}
      <details className="history">
        <summary>
          History ({credential.versions.length} {credential.versions.length === 1 ? 'version' : 'versions'})
          <span className="visually-hidden"> of {title}</span>
        </summary>
        <ol className="history__list" id={historyId} aria-label={`Versions of ${title}, newest first`}>
          {credential.versions.map((version) => (
            <VersionLine key={version.documentId} version={version} current={version.documentId === current.documentId} />
          ))}
        </ol>
      </details>
    </li>
  );
}

/** Every document type of the catalog, with her credentials of that type, or "Not on file". */
export function CredentialList({ credentials, canAct, audience }: { credentials: ProviderCredentials; canAct: boolean; audience: 'provider' | 'staff' }) {
  return (
    <ul className="credential-list" aria-label={audience === 'provider' ? 'My credentials' : 'Credentials'}>
      {CATALOG.map((spec) => {
        const ofType = credentials.credentials.filter((credential) => credential.documentType === spec.type);
        if (ofType.length > 0) return ofType.map((credential) => <CredentialItem key={credential.credentialId} credential={credential} canAct={canAct} />);
        return (
          <li key={spec.type} className="credential credential--missing" data-testid="credential">
            <div className="credential__head">
              <h3 className="credential__title">{spec.label}</h3>
              <span className="badge badge--neutral">Not on file</span>
            </div>
            {canAct && (
              <p className="credential__actions">
                <Link to="/upload">
                  Upload<span className="visually-hidden"> your {spec.label}</span>
                </Link>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
