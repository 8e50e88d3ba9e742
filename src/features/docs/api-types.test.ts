import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, currentApiTypes } from '../../../scripts/api-types';
import { buildApp, OPENAPI_CONFIG } from '../../app';
import type { Deps } from '../../context';
import { typeOf, untypedAnswerParts, type OpenApiDocument } from './api-types';

describe('API types generated from the OpenAPI document', () => {
  it('src/shared/api.gen.ts is what the routes declare now (else: npm run api:types)', () => {
    const onDisk = fs.readFileSync(API_TYPES_FILE, 'utf8');
    expect(onDisk === currentApiTypes(), 'src/shared/api.gen.ts is out of date: run npm run api:types').toBe(true);
  });

  it('no answer leaves a part untyped, except documents that carry their own published schema', () => {
    // Each of these is a document whose shape is its own contract, not the API's: an audit record's
    // before/after is a snapshot of whatever kind of record it was; the JSON Schemas describe documents;
    // a criteria set or a scoring sheet follows the JSON Schema served at /api/schemas/… and is checked
    // against it when it is stored.
    const documents = new Set([
      'GET /api/audit.items[]→AuditEvent.before',
      'GET /api/audit.items[]→AuditEvent.after',
      'GET /api/schemas/criteria-set.json{}',
      'GET /api/schemas/ocop-sheet.json{}',
      'GET /api/criteria-sets/{id}→CriteriaSet.document',
      'GET /api/criteria-sets/{id}/export',
      'GET /api/assessments/{id}→AssessmentView.document',
      'GET /api/ocop/sheets/{id}/export',
    ]);
    const app = buildApp({ config: { maxUploadBytes: 1 } } as Deps);
    const doc = app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as OpenApiDocument;
    expect(untypedAnswerParts(doc).filter((where) => !documents.has(where))).toEqual([]);
  });

  it('turns JSON Schema into TypeScript', () => {
    expect(typeOf({ type: ['string', 'null'] })).toBe('string | null');
    expect(typeOf({ enum: ['draft', 'verified'] })).toBe('"draft" | "verified"');
    expect(typeOf({ type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] } })).toBe('(number | boolean)[]');
    expect(typeOf({ $ref: '#/components/schemas/Unit' })).toBe('Unit');
    expect(typeOf({ type: 'object', properties: { a: { type: 'string' }, 'b-c': { type: 'number' } }, required: ['a'] })).toBe(
      '{\n  a: string;\n  "b-c"?: number;\n}',
    );
    expect(typeOf({ type: 'object', additionalProperties: { type: 'number' } })).toBe('{\n  [key: string]: number;\n}');
    expect(typeOf({})).toBe('unknown');
  });
});
