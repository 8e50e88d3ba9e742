/**
 * A server over a generated country-wide dataset, on PGlite (a temporary directory) or on a fresh
 * PostgreSQL database, plus what the load benchmarks need: signed-in cookies and latency statistics.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startServer } from '../e2e/support';
import type { Deps } from '../src/context';
import { seedScale, type ScaleSummary } from '../src/ops/seed-scale';
import { TestClient } from '../src/testing/client';
import { adminQuery } from '../src/testing/process-server';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export type ScaleServer = {
  url: string;
  deps: Deps;
  summary: ScaleSummary;
  seedSeconds: number;
  close(): Promise<void>;
};

export async function startScaleServer(opts: {
  kind: 'pglite' | 'postgres';
  communes: number;
  months?: number;
  valueMonths?: number;
}): Promise<ScaleServer> {
  let databaseUrl: string | undefined;
  let dbName = '';
  if (opts.kind === 'postgres') {
    dbName = `dl_bench_${process.pid}_${opts.communes}`;
    await adminQuery(PG_ADMIN_URL, `drop database if exists ${dbName}`);
    await adminQuery(PG_ADMIN_URL, `create database ${dbName}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  let summary: ScaleSummary | undefined;
  let seedSeconds = 0;
  const server = await startServer({
    ...(databaseUrl ? { databaseUrl } : {}),
    populate: async (deps) => {
      const t0 = performance.now();
      summary = await seedScale(deps, { communes: opts.communes, months: opts.months ?? 24, valueMonths: opts.valueMonths ?? 2 });
      seedSeconds = (performance.now() - t0) / 1000;
    },
  });
  return {
    ...server,
    summary: summary!,
    seedSeconds,
    async close() {
      await server.close();
      if (dbName) await adminQuery(PG_ADMIN_URL, `drop database if exists ${dbName}`);
    },
  };
}

/** Signs in over HTTP and returns the headers a browser would send afterwards. */
export async function signIn(url: string, username: string, password: string): Promise<Record<string, string>> {
  const client = TestClient.overHttp(url);
  await client.login(username, password);
  return client.authHeaders();
}

export type LoadStats = { p50: number; p95: number; rps: number; requests: number; errors: number };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Concurrent HTTP load with autocannon; latencies are collected per response for exact percentiles. */
export async function httpLoad(
  url: string,
  headers: Record<string, string>,
  opts: { seconds: number; connections: number },
): Promise<LoadStats> {
  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections: opts.connections, duration: opts.seconds }, (err, res) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status >= 400) errors++;
    });
  });
  return loadStats(times, errors + result.errors + result.timeouts, opts.seconds);
}

/** The same concurrency against a function (the raw query), for the same time. */
export async function callLoad(fn: () => Promise<unknown>, opts: { seconds: number; connections: number }): Promise<LoadStats> {
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await fn();
        } catch {
          errors++;
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  return loadStats(times, errors, opts.seconds);
}

export function loadStats(times: number[], errors: number, seconds: number): LoadStats {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: times.length / seconds, requests: times.length, errors };
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The dashboard statement the app runs (`maintained`) or the same answer from the source tables (`source`). */
export type Statement = 'maintained' | 'source';

export type ForkedServer = {
  url: string;
  summary: ScaleSummary;
  seedSeconds: number;
  pid: number;
  raw(
    unitId: number,
    detail: 'none' | 'criteria' | 'full',
    load: { seconds: number; connections: number },
    statement?: Statement,
  ): Promise<LoadStats>;
  /** The last month's assessments waiting for verification (id and version), oldest first. */
  submitted(): Promise<{ id: number; version: number }[]>;
  memory(): Promise<NodeJS.MemoryUsage>;
  close(): Promise<void>;
};

/** The scale server in its own process (see scale-server.ts); requests go to it over IPC. */
export async function forkScaleServer(kind: 'pglite' | 'postgres', communes: number): Promise<ForkedServer> {
  const child = fork(path.join(import.meta.dirname, 'scale-server.ts'), [kind, String(communes)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`scale server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<{ url: string; summary: ScaleSummary; seedSeconds: number }>('ready');
  return {
    url: ready.url,
    summary: ready.summary,
    seedSeconds: ready.seedSeconds,
    pid: child.pid!,
    async raw(unitId, detail, load, statement = 'maintained') {
      const reply = next<{ stats: LoadStats }>('raw');
      child.send({ type: 'raw', unitId, detail, statement, ...load });
      return (await reply).stats;
    },
    async submitted() {
      const reply = next<{ rows: { id: number; version: number }[] }>('submitted');
      child.send({ type: 'submitted' });
      return (await reply).rows;
    },
    async memory() {
      const reply = next<{ usage: NodeJS.MemoryUsage }>('memory');
      child.send({ type: 'memory' });
      return (await reply).usage;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}
