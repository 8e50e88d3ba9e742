import { describe, expect, it } from 'vitest';
import {
  alreadyAttached,
  applyOutcome,
  cellId,
  changesOf,
  classifyFailure,
  keepMine,
  mergeCellEdit,
  queueChanges,
  type CellEdit,
  type QueueEntry,
} from './queue-logic';

const owner = { userId: 7, assessmentId: 42 };
const cell = (code: string, patch: Partial<CellEdit> = {}): CellEdit => ({
  kind: 'cell',
  id: cellId(7, 42, code),
  userId: 7,
  assessmentId: 42,
  code,
  version: 3,
  editedAt: '2026-11-10T08:00:00.000Z',
  state: 'pending',
  ...patch,
});

describe('queueing edits made offline', () => {
  it('one entry per cell, with the version it was read at and only the fields touched', () => {
    const out = queueChanges(
      [],
      owner,
      [
        { code: '1.1', value: true, version: 2 },
        { code: '3.1', note: 'Theo thống kê', version: 0 },
      ],
      't1',
    );
    expect(out).toEqual([
      {
        kind: 'cell',
        id: '7|42|1.1',
        userId: 7,
        assessmentId: 42,
        code: '1.1',
        version: 2,
        editedAt: 't1',
        state: 'pending',
        value: true,
      },
      {
        kind: 'cell',
        id: '7|42|3.1',
        userId: 7,
        assessmentId: 42,
        code: '3.1',
        version: 0,
        editedAt: 't1',
        state: 'pending',
        note: 'Theo thống kê',
      },
    ]);
    expect('note' in out[0]!).toBe(false);
  });

  it('the last edit of a cell wins, field by field, and keeps the version first read', () => {
    const queued: QueueEntry[] = [cell('3.1', { value: 60, note: 'cũ', version: 3 })];
    const [merged] = queueChanges(queued, owner, [{ code: '3.1', value: 75, version: 5 }], 't2');
    expect(merged).toMatchObject({ value: 75, note: 'cũ', version: 3, editedAt: 't2' });
    const [again] = queueChanges([merged!], owner, [{ code: '3.1', note: null, version: 5 }], 't3');
    expect(again).toMatchObject({ value: 75, note: null, version: 3 });
  });

  it('several edits of the same cell in one save collapse into one, the last winning', () => {
    const out = queueChanges(
      [],
      owner,
      [
        { code: '1.1', value: true, version: 1 },
        { code: '1.1', value: false, version: 1 },
      ],
      't',
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.value).toBe(false);
  });

  it('editing a refused cell sends it again; a conflict stays for the person to decide', () => {
    const refused = mergeCellEdit(cell('1.1', { state: 'rejected', problem: 'Sai kiểu' }), cell('1.1', { value: true }));
    expect(refused.state).toBe('pending');
    expect(refused.problem).toBeUndefined();
    const stored = { version: 5, value: false, note: null, updatedBy: 'Văn phòng', updatedAt: null };
    const conflict = mergeCellEdit(cell('1.1', { state: 'conflict', stored }), cell('1.1', { value: true }));
    expect(conflict).toMatchObject({ state: 'conflict', stored, value: true });
  });

  it('edits of other people and other months are separate cells', () => {
    const other = { ...cell('1.1'), id: cellId(8, 42, '1.1'), userId: 8 };
    const out = queueChanges([other], owner, [{ code: '1.1', value: true, version: 3 }], 't');
    expect(out[0]!.id).toBe('7|42|1.1');
    expect(out[0]!.value).toBe(true);
  });

  it('the body sent names each cell with its queued version', () => {
    expect(changesOf([cell('1.1', { value: null }), cell('3.1', { note: 'x', version: 0 })])).toEqual([
      { code: '1.1', value: null, version: 3 },
      { code: '3.1', note: 'x', version: 0 },
    ]);
  });
});

describe('what an answer means for the queued cells', () => {
  const conflict = {
    kind: 'api' as const,
    status: 409,
    code: 'VERSION_CONFLICT',
    message: 'Dữ liệu đã thay đổi',
    details: [
      {
        path: '3.2',
        code: 'stale',
        message: 'Ô này đã được người khác sửa',
        currentVersion: 4,
        currentValue: true,
        currentNote: 'Đã kiểm tra',
        updatedBy: 'Văn phòng điều phối',
        updatedAt: '2026-11-10T09:00:00.000Z',
      },
    ],
  };

  it('no connection, a busy server, a lost race or an ended session keep everything queued', () => {
    expect(classifyFailure({ kind: 'network' }, ['1.1'])).toEqual({ kind: 'offline' });
    expect(
      classifyFailure({ kind: 'api', status: 503, code: 'SERVICE_UNAVAILABLE', message: '', details: null }, ['1.1']).kind,
    ).toBe('later');
    expect(classifyFailure({ kind: 'api', status: 409, code: 'CONFLICT', message: '', details: null }, ['1.1']).kind).toBe(
      'later',
    );
    expect(classifyFailure({ kind: 'api', status: 403, code: 'CSRF_FAILED', message: '', details: null }, ['1.1']).kind).toBe(
      'later',
    );
    expect(classifyFailure({ kind: 'api', status: 401, code: 'SESSION_EXPIRED', message: '', details: null }, ['1.1']).kind).toBe(
      'signed-out',
    );
    expect(applyOutcome([cell('1.1')], { kind: 'offline' })).toEqual({ marked: [], retry: [], stop: true });
  });

  it('a stale version marks only the cells named, with the stored value, who and when; the rest go again', () => {
    const outcome = classifyFailure(conflict, ['1.1', '3.2']);
    expect(outcome.kind).toBe('conflicts');
    const { marked, retry, stop } = applyOutcome([cell('1.1', { value: true }), cell('3.2', { value: false })], outcome);
    expect(stop).toBe(false);
    expect(retry.map((c) => c.code)).toEqual(['1.1']);
    expect(marked).toEqual([
      expect.objectContaining({
        code: '3.2',
        value: false,
        state: 'conflict',
        stored: {
          version: 4,
          value: true,
          note: 'Đã kiểm tra',
          updatedBy: 'Văn phòng điều phối',
          updatedAt: '2026-11-10T09:00:00.000Z',
        },
      }),
    ]);
  });

  it('a refusal marks the cells it names with their words, or every cell sent with the message', () => {
    const named = classifyFailure(
      {
        kind: 'api',
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'Không hợp lệ',
        details: [{ path: '3.1', code: 'jump_needs_note', message: 'Cần ghi chú lý do' }],
      },
      ['1.1', '3.1'],
    );
    const applied = applyOutcome([cell('1.1'), cell('3.1')], named);
    expect(applied.marked).toEqual([expect.objectContaining({ code: '3.1', state: 'rejected', problem: 'Cần ghi chú lý do' })]);
    expect(applied.retry.map((c) => c.code)).toEqual(['1.1']);

    const whole = classifyFailure(
      { kind: 'api', status: 422, code: 'RULE_VIOLATION', message: 'Tháng đã gửi', details: { rule: 'x' } },
      ['1.1'],
    );
    expect(whole).toEqual({ kind: 'refused', problems: new Map([['1.1', 'Tháng đã gửi']]) });
  });

  it('a conflict answer without usable details is still shown, as a refusal', () => {
    expect(classifyFailure({ ...conflict, details: null }, ['3.2'])).toEqual({
      kind: 'refused',
      problems: new Map([['3.2', 'Dữ liệu đã thay đổi']]),
    });
  });

  it('"keep mine" sends the same value over the version stored now', () => {
    const stored = { version: 4, value: true, note: null, updatedBy: null, updatedAt: null };
    const kept = keepMine(cell('3.2', { value: false, state: 'conflict', stored }));
    expect(kept).toMatchObject({ value: false, version: 4, state: 'pending' });
    expect(kept.stored).toBeUndefined();
  });
});

describe('a queued photo the server already holds', () => {
  const refusal = (rule: string) => ({
    kind: 'api' as const,
    status: 422,
    code: 'RULE_VIOLATION',
    message: 'Vi phạm quy định',
    details: { rule, indicator: '2.1' },
  });
  it('counts as uploaded when the refusal says it is attached already, and only then', () => {
    expect(alreadyAttached(refusal('evidence_already_attached'))).toBe(true);
    expect(alreadyAttached(refusal('assessment_locked'))).toBe(false);
    expect(alreadyAttached({ kind: 'network' })).toBe(false);
    expect(alreadyAttached({ ...refusal('evidence_already_attached'), code: 'VALIDATION_FAILED', details: [] })).toBe(false);
  });
});
