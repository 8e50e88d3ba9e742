import type { Config } from './config';
import type { Db } from './db/client';
import type { Clock } from './lib/clock';
import type { FileStore } from './lib/file-store';
import type { Logger } from './lib/logger';
import type { Lang } from './lib/messages';
import type { Role } from './shared/roles';

/** What the application needs from the outside world; built once at start (or per test). */
export type Deps = {
  db: Db;
  /** Where heavy read-only queries (dashboards) go: a replica when DATABASE_READ_URL is set. */
  readDb?: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  logger: Logger;
  files: FileStore;
};

export type Grant = { id: number; role: Role; unitId: number };

/** The signed-in person making a request. */
export type Actor = {
  userId: number;
  username: string;
  fullName: string;
  homeUnitId: number;
  grants: Grant[];
  sessionIdHash: string;
};

/** Facts about the request that the audit trail records. */
export type RequestMeta = {
  requestId: string;
  ip: string | null;
  now: Date;
  /** A system administrator's reason for correcting a dissolved unit's records (header x-correction-reason). */
  correctionReason?: string | undefined;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    lang: Lang;
    actor: Actor | null;
    csrfToken: string | null;
    sessionExpired: boolean;
  };
};
