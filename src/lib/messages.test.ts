import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS } from '../shared/audit-actions';
import { ERROR_STATUS } from './errors';
import { FORBIDDEN_REASON_TEXT, messageFor, RULE_TEXT } from './messages';

/** Text a person reads must be words: no snake_case keys or SHOUTED codes. */
const CODE_LIKE = /\b[a-z]+_[a-z_]+\b|\b[A-Z_]{6,}\b/;

describe('every code a person can meet has words in Vietnamese and English', () => {
  it('errors, business rules, refusal reasons and audit actions', () => {
    const texts: [string, string][] = [];
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[])
      for (const lang of ['vi', 'en'] as const)
        texts.push([`${code}.${lang}`, messageFor(code, lang, { rule: 'x', minutes: 1 })]);
    for (const table of [RULE_TEXT, FORBIDDEN_REASON_TEXT, AUDIT_ACTIONS] as Record<string, { vi: string; en: string }>[])
      for (const [code, t] of Object.entries(table)) texts.push([`${code}.vi`, t.vi], [`${code}.en`, t.en]);
    for (const [key, text] of texts) {
      expect(text.trim().length, key).toBeGreaterThan(2);
      expect(CODE_LIKE.test(text.replace(/\{[a-zA-Z]+\}/g, '')), `${key}: ${text}`).toBe(false);
    }
    for (const [old, now] of Object.entries(LEGACY_AUDIT_ACTIONS)) expect(AUDIT_ACTIONS[now], old).toBeDefined();
  });
});
