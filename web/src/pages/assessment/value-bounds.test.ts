import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSet, evaluateCompact, packValues } from '../../../../src/domain/criteria/engine';
import type { CriteriaSetDoc } from '../../../../src/domain/criteria/schema';
import { previewValue, withinBounds } from './value-bounds';

describe("the grid's live preview keeps to the server's bounds", () => {
  it('a numerator of 99999999999999999999 over 1492 is beyond them, as are a tiny denominator and a huge number', () => {
    expect(withinBounds({ num: 1e20, den: 1492 })).toBe(false);
    expect(withinBounds({ num: 5, den: 0.0001 })).toBe(false);
    expect(withinBounds({ num: 5, den: 1e13 })).toBe(false);
    expect(withinBounds(1e13)).toBe(false);
    expect(withinBounds(-1e13)).toBe(false);
    expect(previewValue({ num: 1e20, den: 1492 })).toBeUndefined();
  });

  it('values within them are previewed as typed', () => {
    expect(withinBounds({ num: 1400, den: 1492 })).toBe(true);
    expect(withinBounds({ num: 0, den: 0.001 })).toBe(true);
    expect(withinBounds(1e12)).toBe(true);
    expect(withinBounds(true)).toBe(true);
    expect(previewValue({ num: 1400, den: 1492 })).toEqual({ num: 1400, den: 1492 });
    expect(previewValue(null)).toBeUndefined();
  });

  it('an impossible ratio is not shown as met by the live evaluation', () => {
    // The shipped 2021–2025 set: indicator 2.1 is a share that must reach 100 %.
    const file = path.resolve(import.meta.dirname, '../../../../src/seed/criteria/vn-ntm-xa-2021-2025.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as CriteriaSetDoc;
    const compiled = compileSet(doc, 'DBSH', 2024);
    const status = (v: Parameters<typeof previewValue>[0]) =>
      evaluateCompact(compiled, packValues(compiled, { '2.1': previewValue(v) })).statusOf('2.1');
    expect(status({ num: 1492, den: 1492 })).toBe('met');
    expect(status({ num: 1e20, den: 1492 })).not.toBe('met');
  });
});
