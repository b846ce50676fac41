import { CATALOG, FILE_FORMATS, LIMITS } from '../domain/catalog.js';

export function getDocumentTypes() {
  return {
    documentTypes: CATALOG.map((spec) => ({
      ...spec,
      formats: spec.formats.map((contentType) => ({ contentType, ...FILE_FORMATS[contentType] })),
    })),
    limits: { maxFileBytes: LIMITS.maxFileBytes, minDocuments: LIMITS.minDocuments, maxDocuments: LIMITS.maxDocuments },
  };
}
