import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './build-document';

/**
 * Writes api/openapi.json from the shared schemas. `--check` only compares, and exits 1 when the
 * committed document is out of date.
 */
export const OPENAPI_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../api/openapi.json');

export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = renderOpenApiDocument();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OPENAPI_PATH, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      console.error('api/openapi.json is out of date: run npx tsx scripts/openapi/generate.ts');
      process.exit(1);
    }
    console.log('api/openapi.json is up to date');
  } else {
    mkdirSync(dirname(OPENAPI_PATH), { recursive: true });
    writeFileSync(OPENAPI_PATH, text);
    console.log(`wrote ${OPENAPI_PATH}`);
  }
}
