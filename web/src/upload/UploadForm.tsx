import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useFieldArray, useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { CATALOG, LIMITS, type DocumentType } from '../../../src/domain/catalog.js';
import { fieldId } from '../components/Field.js';
import { PageHeading } from '../components/Layout.js';
import { Checklist } from './Checklist.js';
import { DocumentCard } from './DocumentCard.js';
import { clearDraft, emptyDocument, freshDraft, rememberFile, saveDraft, type DraftDocument, type DraftForm } from './draft.js';
import { UploadProgress } from './UploadProgress.js';
import { useUploadRun } from './useUploadRun.js';
import { draftResolver, formFieldForApiPath } from './validate.js';

interface Problem {
  target: string;
  message: string;
}

const FIELD_ORDER = ['file', 'documentType', 'issuingAuthority', 'issueDate', 'expirationDate'];

function cardTitles(documents: Pick<DraftDocument, 'documentType'>[]): string[] {
  return documents.map((doc, index) => {
    const label = CATALOG.find((spec) => spec.type === doc.documentType)?.label ?? doc.documentType;
    const same = documents.filter((other) => other.documentType === doc.documentType).length;
    const position = documents.slice(0, index + 1).filter((other) => other.documentType === doc.documentType).length;
    return same > 1 ? `${label} ${position}` : label;
  });
}

function listProblems(errors: FieldErrors<DraftForm>, documents: DraftDocument[]): Problem[] {
  const titles = cardTitles(documents);
  const problems: Problem[] = [];
  documents.forEach((doc, index) => {
    const docErrors = errors.documents?.[index] as Record<string, unknown> | undefined;
    if (!docErrors) return;
    const details = (docErrors.details ?? {}) as Record<string, { message?: string }>;
    const entries: [string, string | undefined][] = [
      ...FIELD_ORDER.map((path) => [path, (docErrors[path] as { message?: string } | undefined)?.message] as [string, string | undefined]),
      ...Object.entries(details).map(([name, error]) => [`details-${name}`, error?.message] as [string, string | undefined]),
    ];
    for (const [path, message] of entries) {
      if (message) problems.push({ target: fieldId('f', doc.key, path), message: `${titles[index]}: ${message}` });
    }
  });
  return problems;
}

export function UploadForm({ initial, username }: { initial: DraftForm; username: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const methods = useForm<DraftForm>({
    defaultValues: initial,
    resolver: draftResolver,
    mode: 'onTouched',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, handleSubmit, setError, watch, reset, getValues } = methods;
  const { fields, append, remove } = useFieldArray({ control, name: 'documents', keyName: 'fieldKey' });
  const documents = useWatch({ control, name: 'documents' }) ?? [];
  const run = useUploadRun();
  // While a run is under way, or interrupted with files still to retry, the form is locked: the
  // created submission holds exactly these files and details. "Edit documents" unlocks it.
  const busy = run.phase !== 'idle' && run.phase !== 'failed';
  const locked = run.phase !== 'idle';
  const [problems, setProblems] = useState<Problem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const titles = cardTitles(documents);

  useEffect(() => {
    const subscription = watch((values) => saveDraft(username, values as DraftForm));
    return () => subscription.unsubscribe();
  }, [watch, username]);

  useEffect(() => {
    if (problems.length > 0) summaryRef.current?.focus();
  }, [problems]);

  const focusField = (target: string) => {
    const element = document.getElementById(target);
    element?.closest('.field, .file-picker')?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
  };

  const addDocument = (type: DocumentType) => {
    const doc = emptyDocument(type);
    append(doc, { shouldFocus: false });
    setTimeout(() => focusField(fieldId('f', doc.key, 'file')), 0);
  };

  const removeDocument = (index: number) => {
    rememberFile(fields[index]!.key, null);
    remove(index);
    document.getElementById('documents-heading')?.focus();
  };

  const completed = async (submissionId: string, values: DraftForm) => {
    clearDraft(username, values);
    await queryClient.invalidateQueries({ queryKey: ['submissions'] });
    navigate(`/submissions/${submissionId}`, { state: { justSubmitted: true } });
  };

  const onValid = async (values: DraftForm) => {
    setProblems([]);
    const result = await run.start(values.documents);
    if (result.submissionId) {
      await completed(result.submissionId, values);
    } else if (result.rejected) {
      // The API's own check disagreed: put each message next to its field, and in the summary.
      const found: Problem[] = [];
      for (const detail of result.rejected.details) {
        const field = formFieldForApiPath(detail.path);
        const index = Number(detail.path.split('.')[1]);
        const doc = values.documents[index];
        if (doc && detail.path.endsWith('.replacesDocumentId')) {
          // The document it replaces is not a field: the card says it, and so does the summary.
          found.push({ target: fieldId('f', doc.key, 'heading'), message: `${titles[index]}: ${detail.message}` });
          continue;
        }
        if (!field || !doc) continue;
        setError(field as 'documents.0.issueDate', { type: 'server', message: detail.message });
        const path = field.split('.').slice(2).join('-');
        found.push({ target: fieldId('f', doc.key, path), message: `${titles[index]}: ${detail.message}` });
      }
      setProblems(found.length > 0 ? found : [{ target: 'documents-heading', message: result.rejected.message }]);
    }
  };

  const retry = async () => {
    const result = await run.retryFailed();
    if (result.submissionId) await completed(result.submissionId, getValues());
  };

  const onInvalid = (errors: FieldErrors<DraftForm>) => setProblems(listProblems(errors, getValues().documents));

  const startOver = () => {
    if (!window.confirm('Clear every document and detail you entered, and start over?')) return;
    clearDraft(username, getValues());
    run.reset();
    setProblems([]);
    reset(freshDraft());
    navigate('/upload', { replace: true });
  };

  const origin = initial.origin;
  const replacing = origin?.replaces ? initial.documents[0]?.replacing : undefined;
  return (
    <FormProvider {...methods}>
      <PageHeading>{replacing ? `${replacing.renewal ? 'Renew' : 'Replace'} your ${replacing.title}` : 'Upload documents'}</PageHeading>
      <p className="lede">
        {replacing
          ? `Choose the ${replacing.renewal ? 'renewed' : 'corrected'} file and check its details: everything else is filled in from the document on file.`
          : 'Add each credentialing document with its details. Everything you enter is checked as you go and kept on this device until you submit.'}
      </p>
      {origin?.submissionId && (
        <div className="notice notice--warning">
          <strong>Your previous submission was not accepted.</strong> Choose another file for each document marked below, then submit
          again. Your other documents and their details are kept.
        </div>
      )}

      {problems.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">
            {problems.length === 1 ? 'There is a problem' : `There are ${problems.length} problems`} to fix before submitting
          </h2>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.target}-${problem.message}`}>
                <a
                  href={`#${problem.target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(problem.target);
                  }}
                >
                  {problem.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <form className="upload-layout" noValidate onSubmit={handleSubmit(onValid, onInvalid)} aria-describedby="submit-note">
        <aside className="upload-layout__aside">
          <Checklist documents={documents} onAdd={addDocument} canAdd={!locked && fields.length < LIMITS.maxDocuments} />
        </aside>
        <div className="upload-layout__main">
          <h2 id="documents-heading" tabIndex={-1} className="visually-hidden">
            Documents
          </h2>
          <fieldset className="plain-fieldset" disabled={locked}>
            <legend className="visually-hidden">Documents to submit</legend>
            {fields.map((field, index) => (
              <DocumentCard
                key={field.fieldKey}
                index={index}
                docKey={field.key}
                title={titles[index] ?? field.documentType}
                canRemove={fields.length > 1}
                onRemove={() => removeDocument(index)}
              />
            ))}
          </fieldset>

          {run.phase !== 'idle' && <UploadProgress phase={run.phase} files={run.files} />}
          {run.error && (
            <div className="notice notice--error" role="alert">
              {run.error}
            </div>
          )}

          <div className="submit-bar">
            <p id="submit-note" className="submit-bar__note">
              By submitting you confirm these documents are yours and current. You will get a reference number and an email confirmation.
            </p>
            <div className="submit-bar__actions">
              {run.phase === 'failed' ? (
                <>
                  {run.canRetry && (
                    <button type="button" className="button" onClick={() => void retry()}>
                      Retry failed uploads
                    </button>
                  )}
                  <button type="button" className="button button--secondary" onClick={run.reset}>
                    Edit documents
                  </button>
                </>
              ) : (
                <>
                  <button type="submit" className="button" disabled={busy}>
                    {busy ? 'Working…' : `Submit ${fields.length} document${fields.length === 1 ? '' : 's'}`}
                  </button>
                  <button type="button" className="button button--link" onClick={startOver} disabled={busy}>
                    Clear form
                  </button>
                </>
              )}
            </div>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
