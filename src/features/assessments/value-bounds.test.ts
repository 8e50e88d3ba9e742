import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Cell = { code: string; value: unknown; version: number; type: string };
type View = { assessment: { version: number }; criteria: { indicators: Cell[] }[] };
type Err = { error: { code: string; message: string; details: { path: string; code: string; message: string }[] } };

/** A code or the validator's own vocabulary where a person reads the message. */
const NOT_WORDS = /\b[a-z]+_[a-z_]+\b|expected|received|[<>]=?\s*\d|\b(?:number|string|boolean|ratio|k_of_n)\b/;

describe('values a commune cannot mean are refused in words, and change nothing', () => {
  let env: TestEnv;
  let officer: TestClient;
  let id = 0;
  const view = async () => (await officer.get<View>(`/api/assessments/${id}`)).body;
  const cell = (v: View, type: string) => v.criteria.flatMap((c) => c.indicators).find((i) => i.type === type)!;

  beforeAll(async () => {
    env = await createTestEnv();
    const p = await makeAssessableProvince(env.deps);
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    id = (await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: '2022-05' })).body.id;
  });
  afterAll(() => env.close());

  it.each([
    ['a number beyond any count or amount', 'number', 1e308],
    ['a negative number beyond the limit', 'number', -1e15],
    ['a denominator that is all but zero', 'ratio', { num: 5, den: 1e-300 }],
    ['a numerator beyond the limit', 'ratio', { num: 1e13, den: 1e13 }],
  ])('%s', async (_what, type, value) => {
    for (const lang of ['vi', 'en']) {
      const before = await view();
      const target = cell(before, type);
      const res = await officer.request<Err>(
        'PUT',
        `/api/assessments/${id}/values`,
        { changes: [{ code: target.code, value, version: target.version }] },
        { 'accept-language': lang },
      );
      expect(res.status).toBe(400);
      // The refusal names the indicator, so the officer sees which cell to correct.
      expect(res.body.error.details.map((d) => d.path)).toEqual(res.body.error.details.map(() => target.code));
      for (const d of res.body.error.details) expect(d.message).not.toMatch(NOT_WORDS);
      expect(res.body.error.details.map((d) => d.message).join(' ')).not.toMatch(/\d{16,}/);
      const after = await view();
      expect(cell(after, type)).toEqual(target);
      expect(after.assessment.version).toBe(before.assessment.version);
    }
  });

  it('in a save of several cells, the refused one is named by its code', async () => {
    const before = await view();
    const ok = cell(before, 'number');
    const bad = cell(before, 'ratio');
    const res = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [
        { code: ok.code, value: 12, version: ok.version },
        { code: bad.code, value: { num: 1e20, den: 1492 }, version: bad.version },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual([bad.code]);
    expect((await view()).assessment.version).toBe(before.assessment.version);
  });

  it('two changes to one cell in a save are refused: neither overwrites the other unseen', async () => {
    const before = await view();
    const target = cell(before, 'number');
    const res = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [
        { code: target.code, value: 58, version: target.version },
        { code: target.code, value: 59, version: target.version },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]!.message).toMatch(/một lần lưu/);
    expect(cell(await view(), 'number')).toEqual(target);
  });

  it('a value of the wrong kind says what the indicator takes, an unknown indicator is named', async () => {
    const target = cell(await view(), 'boolean');
    const wrong = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: target.code, value: 12, version: target.version }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]!.message).toBe('Giá trị không đúng kiểu của chỉ tiêu: cần Đạt hoặc Không đạt');
    const unknown = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: '99.9', value: 1, version: 0 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]!.message).toMatch(/99\.9/);
    expect(unknown.body.error.details[0]!.message).not.toMatch(NOT_WORDS);
  });
});
