import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issueMessage } from './http';

const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues;
const words = (schema: z.ZodType, value: unknown, lang: 'vi' | 'en' = 'vi') =>
  issues(schema, value).map((i) => issueMessage(i, lang));

describe('field problems read as words, never as the validator’s vocabulary', () => {
  it.each([
    [z.string().min(5), 'abc', 'Cần ít nhất 5 ký tự', 'At least 5 characters'],
    [z.string().min(1), '', 'Không được để trống', 'Must not be empty'],
    [z.string().max(3), 'abcd', 'Không quá 3 ký tự', 'At most 3 characters'],
    [z.number().int().min(0).max(100), 150, 'Không được lớn hơn 100', 'Must be at most 100'],
    [z.number().positive(), 0, 'Phải lớn hơn 0', 'Must be more than 0'],
    [z.number().max(1e12), 1e308, 'Không được lớn hơn 1.000.000.000.000', 'Must be at most 1,000,000,000,000'],
    [z.enum(['question', 'praise']), 'zzz', 'Không phải một lựa chọn được phép', 'Not one of the allowed choices'],
    [z.object({ a: z.string() }), {}, 'Chưa có giá trị', 'Required'],
    [z.number(), 'x', 'Cần một số', 'Must be a number'],
    [z.email(), 'not-mail', 'Địa chỉ e-mail chưa đúng', 'Not a valid e-mail address'],
  ])('%#', (schema, value, vi, en) => {
    expect(words(schema, value, 'vi')[0]).toBe(vi);
    expect(words(schema, value, 'en')[0]).toBe(en);
  });

  it('never names an enum’s codes or a type', () => {
    const all = [
      ...words(z.enum(['economy_budget', 'legal']), 'x'),
      ...words(z.object({ n: z.number(), b: z.boolean(), s: z.string() }).strict(), { n: 'a', b: 1, s: 2, extra_key: 1 }),
    ];
    for (const m of all) expect(m).not.toMatch(/economy_budget|extra_key|expected|received|number|boolean|string/);
  });
});
