/** One document of the submission: its file and its metadata, with the catalog's rules for its type. */
import { useFormContext, useWatch } from 'react-hook-form';
import { CATALOG, documentTypeSpec, type DetailField, type DocumentType } from '../../../src/domain/catalog.js';
import { US_JURISDICTIONS } from '../../../src/domain/jurisdictions.js';
import { isIsoDate } from '../../../src/domain/dates.js';
import { expiryOutlook } from '../../../src/domain/expiry.js';
import { Field, fieldId } from '../components/Field.js';
import { formatDate } from '../format.js';
import { rememberFile, type DraftForm } from './draft.js';
import { JURISDICTION_NAMES } from './states.js';
import { FilePicker } from './FilePicker.js';
import { today } from './validate.js';

interface Props {
  index: number;
  docKey: string;
  title: string;
  canRemove: boolean;
  onRemove(): void;
}

const CATEGORY_LABELS: Record<string, string> = {
  LICENSE: 'License',
  CERTIFICATION: 'Certification',
  REGISTRATION: 'Registration',
  CV: 'Curriculum vitae',
  INSURANCE: 'Insurance',
};

export function DocumentCard({ index, docKey, title, canRemove, onRemove }: Props) {
  const { register, control, formState, getFieldState, trigger } = useFormContext<DraftForm>();
  const documentType = useWatch({ control, name: `documents.${index}.documentType` });
  const previousIssues = useWatch({ control, name: `documents.${index}.previousIssues` }) ?? [];
  const hasFile = Boolean(useWatch({ control, name: `documents.${index}.file` }));
  const replacesDocumentId = useWatch({ control, name: `documents.${index}.replacesDocumentId` });
  const replacing = useWatch({ control, name: `documents.${index}.replacing` });
  const expirationDate = useWatch({ control, name: `documents.${index}.expirationDate` });
  const spec = documentTypeSpec(documentType);
  const errors = formState.errors.documents?.[index];
  const name = <K extends string>(path: K) => `documents.${index}.${path}` as const;
  const id = (path: string) => fieldId('f', docKey, path);
  const headingId = id('heading');

  const revalidateIfTouched = (path: string) => {
    const field = name(path) as `documents.${number}.expirationDate`;
    if (getFieldState(field).isTouched || formState.isSubmitted) void trigger(field);
  };

  const detailError = (field: DetailField) => (errors?.details as Record<string, { message?: string }> | undefined)?.[field.name]?.message;

  return (
    <section className="card document-card" aria-labelledby={headingId} id={`doc-${docKey}`}>
      <header className="document-card__header">
        <div>
          <h3 id={headingId} className="document-card__title" tabIndex={-1}>
            {title}
          </h3>
          <p className="document-card__meta">
            Category: {CATEGORY_LABELS[spec.category] ?? spec.category} · {spec.description}
          </p>
        </div>
        {canRemove && (
          <button type="button" className="button button--link" onClick={onRemove}>
            Remove<span className="visually-hidden"> {title}</span>
          </button>
        )}
      </header>

      {replacing && (
        <div className="notice notice--info renewing" role="note">
          <strong>
            {replacing.renewal ? 'Renews' : 'Replaces'} your {replacing.title}
          </strong>
          <span>
            On file: {replacing.fileName}
            {replacing.expirationDate ? `, expires ${formatDate(replacing.expirationDate)}` : ''}.
          </span>
          <span>Once this one is received it becomes the current version; the earlier one stays in its history.</span>
        </div>
      )}

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
        onFile={(file) => rememberFile(docKey, file)}
      />

      <div className="grid">
        <Field id={id('documentType')} label="Document type" error={errors?.documentType?.message}>
          {(props) => (
            <select
              {...props}
              {...register(name('documentType'), {
                onChange: () => {
                  if (hasFile) void trigger(name('file'));
                },
              })}
            >
              {CATALOG.filter((entry) => !replacesDocumentId || entry.type === documentType).map((entry) => (
                <option key={entry.type} value={entry.type satisfies DocumentType}>
                  {entry.label}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          id={id('issuingAuthority')}
          label="Issuing authority"
          optional={!spec.issuingAuthorityRequired}
          hint={spec.type === 'MALPRACTICE_INSURANCE' ? 'The insurer' : spec.type === 'CURRICULUM_VITAE' ? undefined : 'The board or agency that issued it'}
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
              {...register(name('issueDate'), { onChange: () => revalidateIfTouched('expirationDate') })}
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
            hint={field.kind === 'deaNumber' ? '2 letters and 7 digits, e.g. AB1234563' : field.kind === 'money' ? 'In dollars, e.g. 1000000' : undefined}
            error={detailError(field)}
          >
            {(props) =>
              field.kind === 'jurisdiction' ? (
                <select {...props} {...register(name(`details.${field.name}`))}>
                  <option value="">Choose a state</option>
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
                  inputMode={field.kind === 'money' ? 'decimal' : undefined}
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
