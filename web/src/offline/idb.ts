/**
 * The queue's home on the phone: one IndexedDB object store keyed by entry id, so queued edits and
 * photos survive a reload, a closed tab or a restarted phone. Where IndexedDB is missing (a locked-down
 * browser) the queue lives in memory only.
 */
import type { QueueEntry } from './queue-logic';

const DB_NAME = 'dong-long-offline';
const STORE = 'queue';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
  });
}

export async function readAll(): Promise<QueueEntry[]> {
  const db = await open();
  if (!db) return [];
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
    req.onsuccess = () => resolve(req.result as QueueEntry[]);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

export async function write(put: readonly QueueEntry[], remove: readonly string[] = []): Promise<void> {
  const db = await open();
  if (!db || (!put.length && !remove.length)) return;
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const e of put) store.put(e);
  for (const id of remove) store.delete(id);
  await done(tx);
}
