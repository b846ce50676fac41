/** The repository's root folder: function entries, the lock file and `.data/` are found from it. */
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
