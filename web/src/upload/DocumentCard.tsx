/** One document of the submission: its file and its metadata, with the catalog's rules for its type. */
import { useFormContext, useWatch } from 'react-hook-form';
import { documentTypeSpec, type DetailField } from '../../../src/domain/catalog.js';
import { US_JURISDICTIONS } from '../../../src/domain/jurisdictions.js';
import { isIsoDate } from '../../../src/domain/dates.js';
import { expiryOutlook } from '../../../src/domain/expiry.js';
import { Field, fieldId } from '../components/Field.js';
import { formatDate } from '../format.js';
import type { DraftForm } from './draft.js';
import { JURISDICTION_NAMES } from './states.js';
import { FilePicker } from './FilePicker.js';
import { OnFileNotice } from './OnFileNotice.js';
import { today } from './validate.js';

interface Props {
  index: number;
  docKey: string;
  title: string;
  canRemove: boolean;
  onRemove(): void;
  onFile(file: File | null): void;
}

export function DocumentCard({ index, docKey, title, canRemove, onRemove, onFile }: Props) {
  const { register, control, formState, trigger } = useFormContext<DraftForm>();
  const documentType = useWatch({ control, name: `documents.${index}.documentType` });
  const previousIssues = useWatch({ control, name: `documents.${index}.previousIssues` }) ?? [];
  const hasFile = Boolean(useWatch({ control, name: `documents.${index}.file` }));
  const lostFile = useWatch({ control, name: `documents.${index}.lostFile` });
  const resubmitting = Boolean(useWatch({ control, name: 'origin.submissionId' }));
  const replacing = useWatch({ control, name: `documents.${index}.replacing` });
  const expirationDate = useWatch({ control, name: `documents.${index}.expirationDate` });
  const details = useWatch({ control, name: `documents.${index}.details` });
  const spec = documentTypeSpec(documentType);
  const errors = formState.errors.documents?.[index];
  const name = <K extends string>(path: K) => `documents.${index}.${path}` as const;
  const id = (path: string) => fieldId('f', docKey, path);
  const headingId = id('heading');

  // After a submit, errors follow her edits: a new issue date may settle the expiration date's.
  const revalidateAfterSubmit = (path: string) => {
    if (formState.isSubmitted) void trigger(name(path) as `documents.${number}.expirationDate`);
  };

  const detailError = (field: DetailField) => (errors?.details as Record<string, { message?: string }> | undefined)?.[field.name]?.message;

  return (
    <section className="card document-card" aria-labelledby={headingId} id={`doc-${docKey}`}>
      <header className="document-card__header">
        <div>
          <h3 id={headingId} className="document-card__title" tabIndex={-1}>
            {title}
          </h3>
          <p className="document-card__meta">{spec.description}</p>
        </div>
        {canRemove && (
          <button type="button" className="button button--link" onClick={onRemove}>
            Remove<span className="visually-hidden"> {title}</span>
          </button>
        )}
      </header>

      {lostFile && !hasFile && previousIssues.length === 0 && (
        <p className="notice notice--warning">
          Choose “{lostFile.name}” again: this browser no longer has the file.
          {resubmitting ? ' It passed the checks last time and is sent again with your replacement.' : ''}
        </p>
      )}

      {replacing && (
        <div className="notice notice--info renewing" role="note">
          <strong>
            {replacing.renewal ? 'Renews' : 'Replaces'} your {replacing.title}
          </strong>
          <span>
            On file: {replacing.fileName}
            {replacing.expirationDate ? `, expires ${formatDate(replacing.expirationDate)}` : ''}.
          </span>
          {replacing.warnings?.map((warning) => (
            <span key={warning}>{warning}</span>
          ))}
          <span>Once this one is received it becomes the current version; the earlier one stays in its history.</span>
        </div>
      )}

      {!replacing && details && <OnFileNotice documentType={documentType} details={details} />}

      {previousIssues.length > 0 && !hasFile && (
        <div className="notice notice--error" role="note">
          <strong>The previous file was not accepted:</strong>
          <ul>
            {previousIssues.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          Choose another file for this document.
        </div>
      )}

      <FilePicker
        control={control}
        index={index}
        docKey={docKey}
        documentType={documentType}
        typeLabel={title}
        onFile={onFile}
        onChecked={() => void trigger(name('file'))}
      />

      <div className="grid">
        <Field
          id={id('issuingAuthority')}
          label="Issuing authority"
          optional={!spec.issuingAuthorityRequired}
          hint={spec.issuingAuthorityHint ?? undefined}
          error={errors?.issuingAuthority?.message}
        >
          {(props) => <input {...props} type="text" autoComplete="off" {...register(name('issuingAuthority'))} />}
        </Field>

        <Field id={id('issueDate')} label={spec.issueDateLabel} error={errors?.issueDate?.message}>
          {(props) => (
            <input
              {...props}
              type="date"
              max={today()}
              {...register(name('issueDate'), { onChange: () => revalidateAfterSubmit('expirationDate') })}
            />
          )}
        </Field>

        {spec.expiration !== 'none' && (
          <Field
            id={id('expirationDate')}
            label="Expiration date"
            optional={spec.expiration === 'optional'}
            hint={<ExpiryHint label={spec.label} expirationDate={expirationDate} optional={spec.expiration === 'optional'} />}
            error={errors?.expirationDate?.message}
          >
            {(props) => <input {...props} type="date" {...register(name('expirationDate'))} />}
          </Field>
        )}

        {spec.fields.map((field) => (
          <Field
            key={`${spec.type}-${field.name}`}
            id={id(`details-${field.name}`)}
            label={field.label}
            optional={!field.required}
            hint={field.kind === 'deaNumber' ? '2 letters and 7 digits, e.g. AB1234563' : field.kind === 'money' ? 'In dollars, e.g. $1,000,000' : undefined}
            error={detailError(field)}
          >
            {(props) =>
              field.kind === 'jurisdiction' ? (
                <select {...props} {...register(name(`details.${field.name}`))}>
                  <option value="">Choose the state</option>
                  {US_JURISDICTIONS.map((code) => (
                    <option key={code} value={code}>
                      {JURISDICTION_NAMES[code] ?? code} ({code})
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  inputMode={field.kind === 'money' ? 'decimal' : 'text'}
                  // A number printed on the document: a phone's keyboard offers capitals and changes nothing she types.
                  {...(field.kind === 'identifier' || field.kind === 'deaNumber' ? { autoCapitalize: 'characters', autoCorrect: 'off' } : {})}
                  maxLength={field.kind === 'money' ? 20 : field.maxLength}
                  className={field.kind === 'deaNumber' ? 'uppercase' : undefined}
                  {...register(name(`details.${field.name}`))}
                />
              )
            }
          </Field>
        ))}
      </div>
    </section>
  );
}

/**
 * A document that expires within the first reminder's window is accepted, and she is told so
 * before she submits; reviewers see it flagged too.
 */
function ExpiryHint({ label, expirationDate, optional }: { label: string; expirationDate: string; optional: boolean }) {
  const outlook = expirationDate && isIsoDate(expirationDate) ? expiryOutlook(expirationDate, today()) : null;
  const soon = outlook && outlook.daysToExpiry >= 0 && (outlook.expiringSoon || outlook.expired);
  const when = !outlook ? '' : outlook.daysToExpiry === 0 ? 'today' : outlook.daysToExpiry === 1 ? 'tomorrow' : `in ${outlook.daysToExpiry} days`;
  return (
    <>
      {optional && !soon && 'Leave empty for a lifetime certificate.'}
      <span className="field__warning" role="status">
        {soon && `This ${label} expires ${when} (${formatDate(expirationDate)}). You can submit it; we will remind you to send the renewal.`}
      </span>
    </>
  );
}
