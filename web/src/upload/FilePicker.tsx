/** File chooser for one document: a real (visually hidden) file input behind a button-like label, plus drag-and-drop. */
import { useRef, useState, type DragEvent } from 'react';
import { useController, type Control } from 'react-hook-form';
import { acceptedFormatsText, documentTypeSpec, type DocumentType } from '../../../src/domain/catalog.js';
import { fieldId } from '../components/Field.js';
import { formatBytes } from '../format.js';
import { acceptAttribute, describeFile, type DraftForm, type FileMeta } from './draft.js';
import { ConverterUnavailable, HEIC_CONVERTER_UNAVAILABLE, HEIC_HELP, convertHeicToJpeg, isHeic } from './heic.js';

interface Props {
  control: Control<DraftForm>;
  index: number;
  docKey: string;
  documentType: DocumentType;
  typeLabel: string;
  /** The file she chose (converted if it was an iPhone photo), or null when none can be sent. */
  onFile(file: File | null): void;
  /** Checks the file at once: a refused file is said to be refused as soon as she chooses it. */
  onChecked(): void;
}

/** The form is locked (uploading, or changed in another tab) by its fieldset, which disables the input but not a drop on the zone. */
const locked = (zone: HTMLElement) => zone.querySelector('input')?.matches(':disabled') ?? false;

export function FilePicker({ control, index, docKey, documentType, typeLabel, onFile, onChecked }: Props) {
  const { field, fieldState } = useController({ control, name: `documents.${index}.file` });
  const [dragging, setDragging] = useState(false);
  const choice = useRef(0);
  const id = fieldId('f', docKey, 'file');
  const error = fieldState.error?.message;
  const meta = field.value;

  const choose = (next: FileMeta, file: File | null) => {
    onFile(file);
    field.onChange(next);
    onChecked();
  };

  const take = async (file: File | undefined) => {
    if (!file) return;
    const current = ++choice.current;
    if (!isHeic(file)) return choose(describeFile(file), file);
    choose({ name: file.name, size: file.size, contentType: null, converting: true }, null);
    try {
      const jpeg = await convertHeicToJpeg(file);
      if (current === choice.current) choose(describeFile(jpeg, { convertedFrom: 'HEIC' }), jpeg);
    } catch (conversionError) {
      const problem = conversionError instanceof ConverterUnavailable ? HEIC_CONVERTER_UNAVAILABLE : HEIC_HELP;
      if (current === choice.current) choose({ name: file.name, size: file.size, contentType: null, problem }, null);
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!locked(event.currentTarget)) void take(event.dataTransfer.files[0]);
  };

  return (
    <div className={`file-picker${error ? ' field--invalid' : ''}`}>
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}${meta ? ' dropzone--filled' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (locked(event.currentTarget)) event.dataTransfer.dropEffect = 'none';
          else setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={`dropzone-${index}`}
      >
        <input
          ref={field.ref}
          id={id}
          type="file"
          className="visually-hidden file-input"
          accept={acceptAttribute(documentType)}
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={Boolean(error)}
          onChange={(event) => {
            void take(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {meta ? (
          <div className="dropzone__file">
            <span className="file-icon" aria-hidden="true">
              {(meta.contentType ?? '').includes('pdf') ? 'PDF' : meta.name.split('.').pop()?.toUpperCase().slice(0, 4)}
            </span>
            <span>
              <span className="dropzone__name">{meta.name}</span>
              <span className="dropzone__size" role={meta.converting ? 'status' : undefined}>
                {meta.converting ? 'Converting your iPhone photo to JPEG…' : formatBytes(meta.size)}
              </span>
              {meta.convertedFrom && <span className="dropzone__size">Converted from an iPhone photo (HEIC) to JPEG.</span>}
            </span>
          </div>
        ) : (
          <p className="dropzone__prompt">Drag the file here, or</p>
        )}
        <label htmlFor={id} className="button button--secondary button--small">
          {meta ? 'Choose a different file' : 'Choose file'}
          <span className="visually-hidden"> for {typeLabel}</span>
        </label>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {acceptedFormatsText(documentType)}, up to 10 MB.
        {documentTypeSpec(documentType).formats.includes('image/jpeg') && ' iPhone photos (HEIC) are converted to JPEG.'}
      </p>
      <p id={`${id}-error`} className="field__error" aria-live="polite">
        {error && (
          <>
            <span className="visually-hidden">Error: </span>
            {error}
          </>
        )}
      </p>
    </div>
  );
}
