import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MESSAGES, type MessageKey } from './messages';
import type { Answer } from '../api/client';
import { ASSESSMENT_STATES } from '../../../src/domain/lifecycles/assessment';
import { ACTIVITY_STATES } from '../../../src/domain/lifecycles/activity';
import { PETITION_STATES } from '../../../src/domain/lifecycles/petition';
import { PROJECT_STATES } from '../../../src/domain/lifecycles/project';
import { RECOMMENDATION_STATES } from '../../../src/domain/lifecycles/recommendation';
import { CELL_STATUSES } from '../../../src/domain/criteria/cell-status';
import { RED_FLAG_TEXT } from '../../../src/domain/capital/red-flags';
import { OCOP_ACTIONS, STEP_OF } from '../../../src/domain/ocop/cycle';
import { ACTIONS } from '../../../src/shared/roles';
import { TODO_GROUPS, TODO_KINDS } from '../../../src/shared/todo';

const WEB = path.resolve(import.meta.dirname, '..');
const keys = new Set<string>(
  Object.entries(MESSAGES).flatMap(([ns, words]) => Object.keys(words.vi).map((key) => `${ns}.${key}`)),
);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** The web's source files, the dictionaries and tests left out. */
function sources(dir = WEB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join(WEB, 'i18n') ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the words of each feature', () => {
  it('are one module per namespace, each registered under its file name', () => {
    const files = fs
      .readdirSync(path.join(WEB, 'i18n/messages'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(MESSAGES).sort()).toEqual(files);
  });

  it.each(Object.entries(MESSAGES))('%s: every Vietnamese text has its English one, with the same {placeholders}', (_, words) => {
    const vi: Record<string, string> = words.vi;
    const en: Record<string, string> = words.en;
    expect(Object.keys(en)).toEqual(Object.keys(vi));
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe('');
      expect(en[key]?.trim(), key).not.toBe('');
      expect(placeholders(en[key]!), key).toEqual(placeholders(text));
    }
  });
});

describe('every key the pages use resolves', () => {
  const namespaces = Object.keys(MESSAGES).join('|');
  const files = sources().map((f) => ({ file: path.relative(WEB, f), text: fs.readFileSync(f, 'utf8') }));

  it('written in full (`ocop.roundName`), wherever it is written', () => {
    // Permission names (`ocop.read`) share the features' prefixes; every other such string is a key.
    const permissions = new Set<string>(ACTIONS);
    const missing = files.flatMap(({ file, text }) =>
      [...text.matchAll(new RegExp(`['"\`]((?:${namespaces})\\.\\w+)['"\`]`, 'g'))]
        .map((m) => m[1]!)
        .filter((k) => !keys.has(k) && !permissions.has(k))
        .map((k) => `${file}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('read by a prefix (`assessment.level_${x}`): the prefix names keys', () => {
    const prefixes = files.flatMap(({ file, text }) =>
      [...text.matchAll(new RegExp(`\`((?:${namespaces})\\.\\w*)\\$\\{`, 'g'))].map((m) => ({ file, prefix: m[1]! })),
    );
    expect(prefixes.length).toBeGreaterThan(0);
    const empty = prefixes.filter(({ prefix }) => ![...keys].some((k) => k.startsWith(prefix)));
    expect(empty).toEqual([]);
  });

  /** The families read by a prefix cover every value the domain can hold. */
  it.each([
    ['common.status_', ASSESSMENT_STATES],
    ['common.', CELL_STATUSES],
    ['common.act_', OCOP_ACTIONS],
    ['capital.ps_', PROJECT_STATES],
    ['capital.rf_', Object.keys(RED_FLAG_TEXT)],
    ['ocop.stage_', Object.keys(STEP_OF)],
    ['oversight.ovSt_', ACTIVITY_STATES],
    ['oversight.ovRs_', RECOMMENDATION_STATES],
    ['oversight.ovPs_', PETITION_STATES],
    ['todo.todoG_', TODO_GROUPS],
    ['todo.todoK_', TODO_KINDS],
  ] as const)('%s…', (prefix, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(values.map((v) => `${prefix}${v}`).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('families whose values the API names: a value without its words is a type error', () => {
    type Round = Answer<'GET /api/ocop/rounds/{id}'>;
    type Petition = Answer<'GET /api/oversight/petitions'>['items'][number];
    type Activity = Answer<'GET /api/oversight/activities/{id}'>;
    expectTypeOf<`ocop.pk_${Answer<'GET /api/ocop/producers'>['items'][number]['kind']}`>().toExtend<MessageKey>();
    expectTypeOf<`ocop.lv_${Answer<'GET /api/ocop/rounds'>['items'][number]['level']}`>().toExtend<MessageKey>();
    expectTypeOf<`ocop.rs_${Round['products'][number]['status']}`>().toExtend<MessageKey>();
    expectTypeOf<`portal.fbCat_${Answer<'GET /api/portal/feedback'>['items'][number]['category']}`>().toExtend<MessageKey>();
    expectTypeOf<`oversight.ovKind_${Activity['kind']}`>().toExtend<MessageKey>();
    expectTypeOf<`oversight.ovDoc_${Activity['documents'][number]['kind']}`>().toExtend<MessageKey>();
    expectTypeOf<`oversight.ovSrc_${Petition['source']}`>().toExtend<MessageKey>();
    expectTypeOf<`oversight.ovCat_${NonNullable<Petition['category']>}`>().toExtend<MessageKey>();
  });
});

describe('buttons say what they do', () => {
  it('the inbox button on an unread notice reads as an action, not as a state', () => {
    expect(MESSAGES.inbox.vi.markRead).toBe('Đánh dấu đã đọc');
    expect(MESSAGES.inbox.en.markRead).toBe('Mark read');
  });
});
