import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useFieldArray, useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import { LIMITS, type DocumentType } from '../../../src/domain/catalog.js';
import { DRAFT_LIFETIME_HOURS } from '../../../src/domain/status.js';
import { useApi } from '../api/client.js';
import { fieldId, focusField } from '../components/Field.js';
import { PageHeading } from '../components/Layout.js';
import { Checklist } from './Checklist.js';
import { homeDraftQueryKey } from './checked-draft.js';
import { DocumentCard } from './DocumentCard.js';
import { ErrorSummary, listProblems } from './ErrorSummary.js';
import { storeSubmittedCards, submittedWith } from './device-store.js';
import { ChangedElsewhere, LastRunNotice, type LastRun } from './DraftNotices.js';
import { cardTitles, emptyDocument, fileFor, forgetFiles, freshDraft, rememberFile, type DraftDocument, type DraftForm } from './draft.js';
import { SubmitBar } from './SubmitBar.js';
import { UploadProgress } from './UploadProgress.js';
import { whileUploading } from './upload-lock.js';
import { useDraftRunHooks } from './useDraftRunHooks.js';
import { useOtherTabs } from './useOtherTabs.js';
import { useLeaveGuard, useUploadRun } from './useUploadRun.js';
import { draftResolver, placeApiProblems } from './validate.js';

interface Removed {
  doc: DraftDocument;
  index: number;
  title: string;
  file: File | undefined;
}

interface Props {
  initial: DraftForm;
  /** The saved version `initial` is (null: nothing saved yet): this tab saves only over it. */
  revision: string | null;
  lastRun: LastRun;
  username: string;
}

export function UploadForm({ initial, revision, lastRun, username }: Props) {
  const navigate = useNavigate();
  const api = useApi();
  const queryClient = useQueryClient();
  const methods = useForm<DraftForm>({
    defaultValues: initial,
    resolver: draftResolver,
    // Nothing is called wrong before she submits; after that, errors follow each change.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, handleSubmit, setError, watch, reset, getValues, setValue, formState } = methods;
  const { fields, insert, remove } = useFieldArray({ control, name: 'documents', keyName: 'fieldKey' });
  // The whole form, so the checklist and the summary read exactly what the cards show.
  const documents = watch('documents');
  const pendingSubmissionId = watch('pendingSubmissionId');
  const run = useUploadRun(useDraftRunHooks(username, getValues, setValue));
  const pressed = useRef(false);
  const { keeper, elsewhere, uploadingElsewhere } = useOtherTabs({
    username,
    revision,
    uploadingAtStart: lastRun === 'here' || lastRun === 'elsewhere' ? initial.pendingSubmissionId : undefined,
    watch,
    submitting: () => (pressed.current ? getValues('pendingSubmissionId') : undefined),
  });
  const busy = run.phase !== 'idle' && run.phase !== 'failed';
  // While a run is under way, or interrupted with files still to retry, the form is locked: the
  // created submission holds exactly these files and details ("Edit documents" unlocks it). So is
  // a form another tab changed or is uploading: this one saves nothing more.
  const locked = run.phase !== 'idle' || elsewhere !== null || uploadingElsewhere;
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const [submittedElsewhere, setSubmittedElsewhere] = useState<string | null>(null);
  const [unsure, setUnsure] = useState(lastRun === 'unknown');
  const [removed, setRemoved] = useState<Removed | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const titles = cardTitles(documents);
  const problems = formState.isSubmitted ? listProblems(formState.errors, documents) : [];

  // Each submit that finds problems (hers or the API's) takes her to the summary.
  useEffect(() => {
    summaryRef.current?.focus();
  }, [formState.submitCount]);

  // Leaving mid-upload would leave the draft half uploaded: the browser asks first, and so does the portal.
  const shown = useLeaveGuard(busy);

  const addDocument = (type: DocumentType) => {
    const doc = emptyDocument(type);
    const lastOfType = documents.map((each) => each.documentType).lastIndexOf(type);
    insert(lastOfType === -1 ? documents.length : lastOfType + 1, doc, { shouldFocus: false });
    setTimeout(() => focusField(fieldId('f', doc.key, 'file')), 0);
  };

  const removeDocument = (index: number) => {
    const doc = getValues(`documents.${index}`);
    setRemoved({ doc, index, title: titles[index]!, file: fileFor(doc.key) });
    remove(index);
    setTimeout(() => document.getElementById('undo-remove')?.focus(), 0);
  };

  const undoRemove = () => {
    if (!removed) return;
    if (removed.file) rememberFile(removed.doc.key, removed.file);
    insert(Math.min(removed.index, getValues('documents').length), removed.doc, { shouldFocus: false });
    setRemoved(null);
    setTimeout(() => focusField(fieldId('f', removed.doc.key, 'file')), 0);
  };

  const onFile = (key: string) => (file: File | null) => {
    rememberFile(key, file);
    if (file) keeper.current?.saveFile(key, file);
  };

  const completed = async (submissionId: string) => {
    await storeSubmittedCards(username, submissionId, getValues('documents').map((doc) => doc.key));
    await keeper.current?.forget({ kind: 'submitted', submissionId });
    forgetFiles(getValues('documents').map((doc) => doc.key));
    await queryClient.invalidateQueries({ queryKey: ['submissions'] });
    // Her new documents are versions of her credentials: "My credentials" must not show a list cached before them.
    await queryClient.invalidateQueries({ queryKey: ['credentials'] });
    // A replacement's (or resubmission's) own page, still shown, is not started again: it would keep a new draft
    // for the document just sent (her home page would then call it an unfinished upload). She leaves it next.
    const restartsAsDraft = shown.current && Boolean(initial.origin);
    // Had she left this page mid-upload, an upload page she came back to is told by this tab that it went in
    // (and keeps saying so): only her home page reads the draft again.
    const draftQueries = shown.current ? ['device-draft'] : homeDraftQueryKey(username);
    await queryClient.invalidateQueries({ queryKey: draftQueries, refetchType: restartsAsDraft ? 'none' : 'active' });
    // Only from this page: had she left it mid-upload, the run finishes without taking her back.
    if (!shown.current) return;
    shown.current = false; // her own way to the result is no leaving to ask about
    navigate(`/submissions/${submissionId}`, { state: { justSubmitted: true } });
  };

  const onValid = async (values: DraftForm) => {
    // A second press before the button shows it is busy (a double click) sends nothing more.
    if (pressed.current) return;
    pressed.current = true;
    try {
      await submitOnce(values);
    } finally {
      pressed.current = false;
    }
  };

  const submitOnce = async (values: DraftForm) => {
    setServerProblem(null);
    setUnsure(false);
    // Another tab of this browser may have submitted this very draft already.
    const sentAs = await submittedWith(username, values.documents.map((doc) => doc.key));
    setSubmittedElsewhere(sentAs);
    if (sentAs) return;
    const pending = values.pendingSubmissionId;
    const unfinished = pending ? { submissionId: pending, sent: values.pendingSent?.submissionId === pending ? values.pendingSent.documents : undefined } : undefined;
    const result = await whileUploading(username, () => run.start(values.documents, unfinished));
    if (result.alreadySubmitted) {
      await storeSubmittedCards(username, result.alreadySubmitted, values.documents.map((doc) => doc.key));
      setSubmittedElsewhere(result.alreadySubmitted);
    } else if (result.submissionId) {
      await completed(result.submissionId);
    } else if (result.rejected) {
      setValue('pendingSubmissionId', undefined);
      setValue('pendingSent', undefined);
      // The API's own check disagreed: each message goes next to its field, and so into the summary.
      const placed = placeApiProblems(result.rejected.details, titles.slice(0, values.documents.length));
      for (const { field, message } of placed.fields) setError(field as 'documents.0.issueDate', { type: 'server', message });
      if (placed.unplaced.length > 0) setServerProblem(placed.unplaced.join(' '));
      else if (placed.fields.length === 0) setServerProblem(result.rejected.message);
    }
  };

  const retry = async () => {
    if (pressed.current) return;
    pressed.current = true;
    try {
      const result = await whileUploading(username, () => run.retryFailed());
      if (result.submissionId) await completed(result.submissionId);
    } finally {
      pressed.current = false;
    }
  };

  const startOver = async () => {
    if (!window.confirm('Clear every document and detail you entered, and start over?')) return;
    const pending = getValues('pendingSubmissionId');
    if (pending) void api.discard(pending).catch(() => undefined);
    await keeper.current?.forget({ kind: 'cleared' });
    forgetFiles(getValues('documents').map((doc) => doc.key));
    run.reset();
    setRemoved(null);
    setServerProblem(null);
    setSubmittedElsewhere(null);
    reset(freshDraft());
    void queryClient.invalidateQueries({ queryKey: ['submissions'] });
    navigate('/upload', { replace: true });
  };

  const shownProblems = serverProblem ? [{ target: 'documents-heading', message: serverProblem }, ...problems] : problems;
  const origin = initial.origin;
  const replacing = origin?.replaces ? initial.documents[0]?.replacing : undefined;
  return (
    <FormProvider {...methods}>
      <PageHeading>{replacing ? `${replacing.renewal ? 'Renew' : 'Replace'} your ${replacing.title}` : 'Upload documents'}</PageHeading>
      <p className="lede">
        {replacing
          ? `Choose the ${replacing.renewal ? 'renewed' : 'corrected'} file and check its details: everything else is filled in from the document on file. `
          : 'Add each credentialing document with its details. '}
        What you enter and the files you choose are kept on this device until you submit, for {DRAFT_LIFETIME_HOURS} hours after your last
        change, and removed when you sign out.
      </p>
      {origin?.submissionId && (
        <div className="notice notice--warning">
          <strong>Your previous submission was not accepted.</strong> Choose another file for each document marked below, then submit
          again. The documents that passed the checks are sent again with it, with the details you entered.
        </div>
      )}
      {uploadingElsewhere ? (
        <LastRunNotice state={lastRun === 'here' ? 'here' : 'elsewhere'} />
      ) : (
        pendingSubmissionId && run.phase === 'idle' && !submittedElsewhere && !elsewhere && <LastRunNotice state={unsure ? 'unknown' : 'unfinished'} />
      )}
      {elsewhere && <ChangedElsewhere change={elsewhere} byThisTab={lastRun === 'here'} />}
      <ErrorSummary ref={summaryRef} problems={shownProblems} onGoTo={focusField} />

      <form
        className="upload-layout"
        noValidate
        onSubmit={handleSubmit(onValid)}
        aria-describedby="submit-note"
      >
        <aside className="upload-layout__aside">
          <Checklist documents={documents} onAdd={addDocument} canAdd={!locked && fields.length < LIMITS.maxDocuments} />
        </aside>
        <div className="upload-layout__main">
          <h2 id="documents-heading" tabIndex={-1} className="visually-hidden">
            Documents
          </h2>
          <div role="status" className="undo-region">
            {removed && (
              <p className="notice notice--info undo">
                {removed.title} removed.{' '}
                <button type="button" id="undo-remove" className="button button--secondary button--small" onClick={undoRemove}>
                  Undo
                </button>
              </p>
            )}
          </div>
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
                onFile={onFile(field.key)}
              />
            ))}
          </fieldset>

          {run.phase !== 'idle' && <UploadProgress phase={run.phase} files={run.files} waitingForConnection={run.waitingForConnection} />}
          {run.error && (
            <div className="notice notice--error" role="alert">
              {run.error}
            </div>
          )}
          {submittedElsewhere && (
            <div className="notice notice--info" role="alert">
              These documents were already submitted, so nothing was sent again.{' '}
              <Link to={portalPaths.submission(submittedElsewhere)}>See the submission</Link>
            </div>
          )}

          <SubmitBar
            documentCount={fields.length}
            phase={run.phase}
            locked={locked}
            canRetry={run.canRetry}
            uploadsFailed={run.files.some((file) => file.state === 'failed')}
            onRetry={() => void retry()}
            onEdit={run.reset}
            onClear={() => void startOver()}
          />
        </div>
      </form>
    </FormProvider>
  );
}
