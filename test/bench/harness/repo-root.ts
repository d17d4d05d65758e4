import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (the package is ESM: no __dirname). Child processes run from here. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
