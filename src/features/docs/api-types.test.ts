import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, currentApiTypes } from '../../../scripts/api-types';
import { typeOf } from './api-types';

describe('API types generated from the OpenAPI document', () => {
  it('src/shared/api.gen.ts is what the routes declare now (else: npm run api:types)', () => {
    const onDisk = fs.readFileSync(API_TYPES_FILE, 'utf8');
    expect(onDisk === currentApiTypes(), 'src/shared/api.gen.ts is out of date: run npm run api:types').toBe(true);
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
