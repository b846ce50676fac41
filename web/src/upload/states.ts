// The names live with the codes in the domain, where documents are read too.
export { JURISDICTION_NAMES } from '../../../src/domain/jurisdictions.js';
