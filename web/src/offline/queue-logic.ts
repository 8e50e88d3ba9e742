/**
 * The rules of the phone's queue of edits made without a connection, as plain functions (no
 * IndexedDB, no fetch): how a new edit joins what is already queued for the same cell, what is sent,
 * and what an answer from the server means for each queued cell. A conflict is never resolved here:
 * it is kept, with the stored value, for the person to decide.
 */
import type { SaveValues } from '../../../src/shared/api.gen';
import type { IndicatorValue } from '../../../src/domain/criteria/schema';

/** What the server holds for a cell that someone else changed meanwhile (from the 409's details). */
export type StoredCell = {
  version: number;
  value: IndicatorValue | null;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
};

type Owner = { userId: number; assessmentId: number; code: string };

/** A value and/or note waiting to be saved. A field that is absent is left as it is on the server. */
export type CellEdit = Owner & {
  kind: 'cell';
  id: string;
  value?: IndicatorValue | null;
  note?: string | null;
  /** The version of the cell as it was read before the first queued edit of it. */
  version: number;
  editedAt: string;
  state: 'pending' | 'conflict' | 'rejected';
  /** With `conflict`: what the server holds now. */
  stored?: StoredCell;
  /** With `rejected`: the server's words. */
  problem?: string;
};

/** An evidence file (a photo taken in the field) waiting to be uploaded to its indicator. */
export type FileUpload = Owner & {
  kind: 'file';
  id: string;
  name: string;
  type: string;
  blob: Blob;
  addedAt: string;
  state: 'pending' | 'rejected';
  problem?: string;
};

export type QueueEntry = CellEdit | FileUpload;

export const cellId = (userId: number, assessmentId: number, code: string) => `${userId}|${assessmentId}|${code}`;

/** One cell change as the grid hands it over: the fields touched and the version it was read at. */
/** One change of a save, as the API takes it. */
export type CellChange = SaveValues['changes'][number];

/**
 * The last edit of a field wins; a field the new edit does not touch keeps its queued value. The
 * version stays the one first read, because that is what the person's queued values were based on —
 * so a change made by someone else meanwhile still shows up as a conflict. Editing a refused cell
 * again sends it again; a conflict stays a conflict until the person chooses.
 */
export function mergeCellEdit(existing: CellEdit | undefined, incoming: CellEdit): CellEdit {
  if (!existing) return incoming;
  const merged: CellEdit = { ...existing, editedAt: incoming.editedAt };
  if ('value' in incoming) merged.value = incoming.value ?? null;
  if ('note' in incoming) merged.note = incoming.note ?? null;
  if (existing.state === 'rejected') {
    merged.state = 'pending';
    delete merged.problem;
  }
  return merged;
}

/** The queue entries to write after the grid saved `changes` while offline (one per cell, merged). */
export function queueChanges(
  queued: readonly QueueEntry[],
  owner: { userId: number; assessmentId: number },
  changes: readonly CellChange[],
  now: string,
): CellEdit[] {
  const byId = new Map<string, CellEdit>();
  for (const e of queued) if (e.kind === 'cell') byId.set(e.id, e);
  const touched = new Map<string, CellEdit>();
  for (const ch of changes) {
    const id = cellId(owner.userId, owner.assessmentId, ch.code);
    const incoming: CellEdit = {
      kind: 'cell',
      id,
      userId: owner.userId,
      assessmentId: owner.assessmentId,
      code: ch.code,
      version: ch.version,
      editedAt: now,
      state: 'pending',
      ...('value' in ch ? { value: ch.value ?? null } : {}),
      ...('note' in ch ? { note: ch.note ?? null } : {}),
    };
    touched.set(id, mergeCellEdit(touched.get(id) ?? byId.get(id), incoming));
  }
  return [...touched.values()];
}

/** The body of `PUT /api/assessments/{id}/values` for these queued cells. */
export function changesOf(cells: readonly CellEdit[]): CellChange[] {
  return cells.map((c) => ({
    code: c.code,
    ...('value' in c ? { value: c.value ?? null } : {}),
    ...('note' in c ? { note: c.note ?? null } : {}),
    version: c.version,
  }));
}

/** How a send failed: no answer at all, or the server's error envelope. */
export type Failure = { kind: 'network' } | { kind: 'api'; status: number; code: string; message: string; details: unknown };

export type SyncOutcome =
  /** No connection: keep everything, send again when it returns. */
  | { kind: 'offline' }
  /** The server is busy or failing, or lost a race: keep everything pending, try again later. */
  | { kind: 'later' }
  /** The session ended: keep everything until the same person signs in again. */
  | { kind: 'signed-out' }
  /** Someone else changed these cells meanwhile: the person chooses. */
  | { kind: 'conflicts'; stored: Map<string, StoredCell> }
  /** The server refused these cells, in words the person can act on. */
  | { kind: 'refused'; problems: Map<string, string> };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function storedOf(d: Record<string, unknown>): StoredCell | null {
  if (typeof d.currentVersion !== 'number') return null;
  return {
    version: d.currentVersion,
    value: (d.currentValue ?? null) as IndicatorValue | null,
    note: typeof d.currentNote === 'string' ? d.currentNote : null,
    updatedBy: typeof d.updatedBy === 'string' ? d.updatedBy : null,
    updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : null,
  };
}

/** The server already holds this file on the indicator (a resend after a lost answer): the upload is done. */
export function alreadyAttached(failure: Failure): boolean {
  return (
    failure.kind === 'api' &&
    failure.code === 'RULE_VIOLATION' &&
    isRecord(failure.details) &&
    failure.details.rule === 'evidence_already_attached'
  );
}

/** What a failed send of `codes` (one batch of cells, or one file's indicator) means for each of them. */
export function classifyFailure(failure: Failure, codes: readonly string[]): SyncOutcome {
  if (failure.kind === 'network') return { kind: 'offline' };
  const { status, code, message, details } = failure;
  if (status === 401) return { kind: 'signed-out' };
  // A lost race (CONFLICT) or a stale anti-forgery cookie clears up by itself on the next try.
  if (status >= 500 || status === 408 || status === 429 || code === 'CONFLICT' || code === 'CSRF_FAILED') {
    return { kind: 'later' };
  }
  const rows = Array.isArray(details) ? details.filter(isRecord) : [];
  if (code === 'VERSION_CONFLICT') {
    const stored = new Map<string, StoredCell>();
    for (const r of rows) {
      const s = storedOf(r);
      if (typeof r.path === 'string' && codes.includes(r.path) && s) stored.set(r.path, s);
    }
    if (stored.size) return { kind: 'conflicts', stored };
  }
  // Refused: the cells the details name, with their own words; otherwise every cell sent, with the message.
  const problems = new Map<string, string>();
  for (const r of rows) {
    if (typeof r.path !== 'string' || !codes.includes(r.path)) continue;
    const words = typeof r.message === 'string' ? r.message : message;
    problems.set(r.path, problems.has(r.path) ? `${problems.get(r.path)}; ${words}` : words);
  }
  if (!problems.size) for (const c of codes) problems.set(c, message);
  return { kind: 'refused', problems };
}

/**
 * The queued cells after a failed send: conflicting or refused cells are marked (and kept); `retry`
 * is what can be sent again at once (the rest of the batch, which the server refused as a whole).
 */
export function applyOutcome(
  sent: readonly CellEdit[],
  outcome: SyncOutcome,
): { marked: CellEdit[]; retry: CellEdit[]; stop: boolean } {
  switch (outcome.kind) {
    case 'offline':
    case 'later':
    case 'signed-out':
      return { marked: [], retry: [], stop: true };
    case 'conflicts': {
      const marked: CellEdit[] = [];
      const retry: CellEdit[] = [];
      for (const c of sent) {
        const stored = outcome.stored.get(c.code);
        if (stored) marked.push({ ...c, state: 'conflict', stored });
        else retry.push(c);
      }
      return { marked, retry, stop: false };
    }
    case 'refused': {
      const marked: CellEdit[] = [];
      const retry: CellEdit[] = [];
      for (const c of sent) {
        const problem = outcome.problems.get(c.code);
        if (problem !== undefined) marked.push({ ...c, state: 'rejected', problem });
        else retry.push(c);
      }
      return { marked, retry, stop: false };
    }
  }
}

/** "Keep mine": send the person's value again over the version the server holds now. */
export function keepMine(cell: CellEdit): CellEdit {
  if (cell.state !== 'conflict' || !cell.stored) return cell;
  const { stored, ...rest } = cell;
  return { ...rest, version: stored.version, state: 'pending' };
}

/** How many edits wait: every queued cell and file, whatever its state, until it is saved or given up. */
export const waitingCount = (entries: readonly QueueEntry[]) => entries.length;
