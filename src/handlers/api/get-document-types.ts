import { getDocumentTypes } from '../../use-cases/get-document-types.js';
import { httpHandler } from '../shared/http.js';

export const handler = httpHandler(async () => ({ statusCode: 200, body: getDocumentTypes() }));
