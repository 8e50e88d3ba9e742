/**
 * The phone's queue of edits made without a connection, and the sending of it when the connection
 * returns. Edits belong to the person who made them: only the signed-in person's entries are shown
 * and sent, so a shared phone never sends one officer's figures under another's name. Each cell is
 * sent with the version it was read at, through the ordinary API; what the server says is applied
 * by the rules in `queue-logic.ts`.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, call } from '../api/client';
import * as idb from './idb';
import {
  alreadyAttached,
  applyOutcome,
  changesOf,
  classifyFailure,
  keepMine,
  queueChanges,
  type CellChange,
  type CellEdit,
  type Failure,
  type FileUpload,
  type QueueEntry,
} from './queue-logic';

export type OfflineState = {
  /** The browser says it is online and the last attempt to reach the server did not fail for want of a network. */
  online: boolean;
  syncing: boolean;
  /** The signed-in person's queued edits and files. */
  entries: readonly QueueEntry[];
};

/** fetch() rejects (a TypeError) only when no answer came at all: no network, server unreachable. */
export const isNetworkError = (e: unknown) => e instanceof TypeError;

function failureOf(e: unknown): Failure | null {
  if (e instanceof ApiError) return { kind: 'api', status: e.status, code: e.code, message: e.message, details: e.details };
  return isNetworkError(e) ? { kind: 'network' } : null;
}

const RETRY_MS = 30_000;

class OfflineQueue {
  private all = new Map<string, QueueEntry>();
  private userId: number | null = null;
  private reachable = true;
  private syncing = false;
  private again = false;
  private loaded: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  private syncedListeners = new Set<(assessmentIds: number[]) => void>();
  private state: OfflineState = { online: typeof navigator === 'undefined' || navigator.onLine, syncing: false, entries: [] };

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getState = () => this.state;

  /** Called when the grid data of these months should be read again (saved, or taken from the server). */
  onSynced(fn: (assessmentIds: number[]) => void) {
    this.syncedListeners.add(fn);
    return () => void this.syncedListeners.delete(fn);
  }

  private emit() {
    const online = navigator.onLine && this.reachable;
    const entries = this.mine();
    this.state = { online, syncing: this.syncing, entries };
    for (const fn of this.listeners) fn();
  }

  private mine(): QueueEntry[] {
    if (this.userId === null) return [];
    return [...this.all.values()]
      .filter((e) => e.userId === this.userId)
      .sort((a, b) => (a.kind === 'cell' ? a.editedAt : a.addedAt).localeCompare(b.kind === 'cell' ? b.editedAt : b.addedAt));
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      window.addEventListener('online', () => {
        this.reachable = true;
        this.emit();
        void this.sync();
      });
      window.addEventListener('offline', () => this.emit());
      // Every API call reports whether the server answered: the header's status follows reality.
      window.addEventListener('dl:network', (e) => {
        const reached = (e as CustomEvent<boolean>).detail;
        if (reached === this.reachable) return;
        this.reachable = reached;
        this.emit();
        if (reached) void this.sync();
      });
      window.setInterval(() => {
        if (this.state.entries.some((e) => e.state === 'pending')) void this.sync();
      }, RETRY_MS);
      try {
        for (const e of await idb.readAll()) this.all.set(e.id, e);
      } catch {
        // An unreadable store leaves the queue empty; new edits still queue in memory.
      }
    })();
    return this.loaded;
  }

  /** The signed-in person (null after signing out): their queue is shown and sent. */
  async setUser(userId: number | null) {
    this.userId = userId;
    await this.load();
    this.emit();
    if (userId !== null) await this.sync();
  }

  private async put(entries: readonly QueueEntry[]) {
    for (const e of entries) this.all.set(e.id, e);
    this.emit();
    await idb.write(entries).catch(() => undefined);
  }

  private async remove(ids: readonly string[]) {
    for (const id of ids) this.all.delete(id);
    this.emit();
    await idb.write([], ids).catch(() => undefined);
  }

  private notify(ids: Iterable<number>) {
    const list = [...new Set(ids)];
    if (list.length) for (const fn of this.syncedListeners) fn(list);
  }

  /** Keeps the grid's unsaved cells on the phone; they are sent as soon as there is a connection. */
  async queueCells(assessmentId: number, changes: readonly CellChange[]) {
    await this.load();
    if (!changes.length) return;
    // Never quietly: the grid keeps its edits if there is nobody to keep them for.
    if (this.userId === null) throw new Error('no signed-in person to keep the edits for');
    await this.put(queueChanges(this.mine(), { userId: this.userId, assessmentId }, changes, new Date().toISOString()));
    void this.sync();
  }

  /** Keeps an evidence file on the phone until it can be uploaded to its indicator. */
  async queueFile(assessmentId: number, code: string, file: File) {
    await this.load();
    if (this.userId === null) throw new Error('no signed-in person to keep the file for');
    const entry: FileUpload = {
      kind: 'file',
      id: `${this.userId}|${assessmentId}|file|${crypto.randomUUID()}`,
      userId: this.userId,
      assessmentId,
      code,
      name: file.name,
      type: file.type,
      blob: file,
      addedAt: new Date().toISOString(),
      state: 'pending',
    };
    await this.put([entry]);
    void this.sync();
  }

  /** A request that failed for want of a network: the connection is down whatever the browser says. */
  markUnreachable() {
    this.reachable = false;
    this.emit();
  }

  /** "Keep mine": send the person's value again over the version stored now. */
  async keepMine(id: string) {
    const e = this.all.get(id);
    if (e?.kind !== 'cell') return;
    await this.put([keepMine(e)]);
    await this.sync();
  }

  /** "Take the stored one" or "give up this change": the entry leaves the queue, the grid is read again. */
  async drop(id: string) {
    const e = this.all.get(id);
    if (!e) return;
    await this.remove([id]);
    this.notify([e.assessmentId]);
  }

  /** Takes a refused cell back into the grid to be corrected; the caller puts it into its edits. */
  async takeBack(id: string): Promise<CellEdit | null> {
    const e = this.all.get(id);
    if (e?.kind !== 'cell') return null;
    await this.remove([id]);
    return e;
  }

  /** Sends the signed-in person's pending edits and files, month by month, with their versions. */
  async sync(): Promise<void> {
    await this.load();
    if (this.userId === null || !navigator.onLine) return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    this.emit();
    const touched: number[] = [];
    try {
      if (await this.sendCells(touched)) await this.sendFiles(touched);
    } finally {
      this.syncing = false;
      this.emit();
      this.notify(touched);
    }
    if (this.again) {
      this.again = false;
      await this.sync();
    }
  }

  /** Returns false when sending should stop (no connection, server busy, signed out). */
  private async sendCells(touched: number[]): Promise<boolean> {
    const byMonth = new Map<number, CellEdit[]>();
    for (const e of this.mine()) {
      if (e.kind === 'cell' && e.state === 'pending') byMonth.set(e.assessmentId, [...(byMonth.get(e.assessmentId) ?? []), e]);
    }
    for (const [assessmentId, cells] of byMonth) {
      let batch = cells;
      while (batch.length) {
        try {
          await call('PUT /api/assessments/{id}/values', { params: { id: assessmentId }, body: { changes: changesOf(batch) } });
          this.reachable = true;
          // A cell edited again while this was on its way stays queued with its newer value.
          await this.remove(batch.filter((c) => this.all.get(c.id) === c).map((c) => c.id));
          touched.push(assessmentId);
          break;
        } catch (err) {
          const failure = failureOf(err);
          if (!failure) throw err;
          const outcome = classifyFailure(
            failure,
            batch.map((c) => c.code),
          );
          this.reachable = outcome.kind !== 'offline';
          const { marked, retry, stop } = applyOutcome(batch, outcome);
          const still = marked.filter((m) => this.all.get(m.id) === batch.find((c) => c.id === m.id));
          await this.put(still);
          if (still.length) touched.push(assessmentId);
          if (stop) return false;
          batch = retry;
        }
      }
    }
    return true;
  }

  private async sendFiles(touched: number[]): Promise<void> {
    for (const f of this.mine()) {
      if (f.kind !== 'file' || f.state !== 'pending') continue;
      const form = new FormData();
      form.set('indicatorCode', f.code);
      form.set('file', new File([f.blob], f.name, { type: f.type }));
      try {
        await call('POST /api/assessments/{id}/evidence', { params: { id: f.assessmentId }, body: form });
        this.reachable = true;
        await this.remove([f.id]);
        touched.push(f.assessmentId);
      } catch (err) {
        const failure = failureOf(err);
        if (!failure) throw err;
        // Sent before, its answer lost on the way: the file is on the indicator already.
        if (alreadyAttached(failure)) {
          this.reachable = true;
          await this.remove([f.id]);
          touched.push(f.assessmentId);
          continue;
        }
        const outcome = classifyFailure(failure, [f.code]);
        this.reachable = outcome.kind !== 'offline';
        if (outcome.kind !== 'refused') return;
        await this.put([{ ...f, state: 'rejected', problem: outcome.problems.get(f.code) ?? '' }]);
        touched.push(f.assessmentId);
      }
    }
  }
}

export const offlineQueue = new OfflineQueue();

export function useOffline(): OfflineState {
  return useSyncExternalStore(offlineQueue.subscribe, offlineQueue.getState);
}
