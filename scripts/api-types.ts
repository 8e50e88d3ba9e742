/**
 * Writes `src/shared/api.gen.ts`, the API's types from its OpenAPI document (see
 * src/features/docs/api-types.ts). `--check` only says whether the file is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiTypesModule, type OpenApiDocument } from '../src/features/docs/api-types';
import { buildApp, OPENAPI_CONFIG } from '../src/app';
import type { Deps } from '../src/context';

export const API_TYPES_FILE = path.resolve(import.meta.dirname, '../src/shared/api.gen.ts');

/** The module as the routes declare it now (no database is touched: only the routes are read). */
export function currentApiTypes(): string {
  const app = buildApp({ config: { maxUploadBytes: 1 } } as Deps);
  return apiTypesModule(app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as OpenApiDocument);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const text = currentApiTypes();
  const current = fs.existsSync(API_TYPES_FILE) && fs.readFileSync(API_TYPES_FILE, 'utf8') === text;
  if (process.argv.includes('--check')) {
    if (!current) {
      console.error('src/shared/api.gen.ts is out of date: run npm run api:types');
      process.exit(1);
    }
  } else if (!current) {
    fs.writeFileSync(API_TYPES_FILE, text);
    console.log('wrote src/shared/api.gen.ts');
  }
}
