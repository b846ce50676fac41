/** File chooser for one document: a real (visually hidden) file input behind a button-like label, plus drag-and-drop. */
import { useState, type DragEvent } from 'react';
import { useController, type Control } from 'react-hook-form';
import { acceptedFormatsText, type DocumentType } from '../../../src/domain/catalog.js';
import { fieldId } from '../components/Field.js';
import { acceptAttribute, describeFile, type DraftForm } from './draft.js';
import { formatBytes } from '../format.js';

interface Props {
  control: Control<DraftForm>;
  index: number;
  docKey: string;
  documentType: DocumentType;
  typeLabel: string;
  onFile(file: File): void;
}

export function FilePicker({ control, index, docKey, documentType, typeLabel, onFile }: Props) {
  const { field, fieldState } = useController({ control, name: `documents.${index}.file` });
  const [dragging, setDragging] = useState(false);
  const id = fieldId('f', docKey, 'file');
  const error = fieldState.error?.message;

  const take = (file: File | undefined) => {
    if (!file) return;
    onFile(file);
    field.onChange(describeFile(file));
    field.onBlur();
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  return (
    <div className={`file-picker${error ? ' field--invalid' : ''}`}>
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}${field.value ? ' dropzone--filled' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
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
            take(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {field.value ? (
          <div className="dropzone__file">
            <span className="file-icon" aria-hidden="true">
              {(field.value.contentType ?? '').includes('pdf') ? 'PDF' : field.value.name.split('.').pop()?.toUpperCase().slice(0, 4)}
            </span>
            <span>
              <span className="dropzone__name">{field.value.name}</span>
              <span className="dropzone__size">{formatBytes(field.value.size)}</span>
            </span>
          </div>
        ) : (
          <p className="dropzone__prompt">Drag the file here, or</p>
        )}
        <label htmlFor={id} className="button button--secondary button--small">
          {field.value ? 'Choose a different file' : 'Choose file'}
          <span className="visually-hidden"> for {typeLabel}</span>
        </label>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {acceptedFormatsText(documentType)}, up to 10 MB.
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
