import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime configuration, read once from the environment at start.
 * Every knob has a default that makes `npm start` work on a fresh machine.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  FILES_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_READ_URL: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(9600).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_IP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEMO_DATA: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  JOBS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  DB_TEMPLATE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  MAX_UPLOAD_MB: z.coerce.number().min(1).default(20),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Đồng Lòng <khong-tra-loi@donglong.local>'),
  REMINDER_DAYS: z.coerce.number().int().min(1).default(7),
  ESCALATION_DAYS: z.coerce.number().int().min(1).default(14),
  RECOMMENDATION_REMINDER_DAYS: z.coerce.number().int().min(1).default(7),
  AUDIT_KEY: z.string().min(32).optional(),
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, 'an http(s) address with {z}, {x} and {y}')
    .optional()
    .or(z.literal('')),
  MAP_ATTRIBUTION: z.string().max(200).default('© OpenStreetMap'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Uploaded files, content-addressed; shared storage when several instances run. */
  filesDir: string;
  databaseUrl: string | undefined;
  /** A streaming replica for dashboard reads (PostgreSQL only); the primary when unset. */
  databaseReadUrl: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginIpLimitPerMinute: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  demoData: boolean;
  jobs: boolean;
  /** A new embedded database starts as a copy of the prebuilt migrated one (dist/db-template) when it is current. */
  dbTemplate: boolean;
  maxUploadBytes: number;
  /** smtp://user:pass@host:port — without it e-mails are held in the outbox page. */
  smtpUrl: string | undefined;
  mailFrom: string;
  reminderDays: number;
  escalationDays: number;
  /** Days before an oversight recommendation's report deadline when its addressee is reminded. */
  recommendationReminderDays: number;
  /**
   * Secret for the audit trail's MACs and checkpoints (AUDIT_KEY, at least 32 characters). When unset,
   * start-up keeps one in DATA_DIR/audit.key, outside the database.
   */
  auditKey: string | undefined;
  /**
   * Base map tiles for the project map (MAP_TILE_URL, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png),
   * with the attribution the tile provider asks for. Without it — or without a network — the map is a
   * plain outline with the points.
   */
  mapTiles: { url: string; attribution: string } | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    filesDir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
    databaseUrl: e.DATABASE_URL || undefined,
    databaseReadUrl: e.DATABASE_READ_URL || undefined,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginIpLimitPerMinute: e.LOGIN_IP_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    jobs: e.JOBS,
    dbTemplate: e.DB_TEMPLATE,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    reminderDays: e.REMINDER_DAYS,
    escalationDays: e.ESCALATION_DAYS,
    recommendationReminderDays: e.RECOMMENDATION_REMINDER_DAYS,
    auditKey: e.AUDIT_KEY,
    mapTiles: e.MAP_TILE_URL ? { url: e.MAP_TILE_URL, attribution: e.MAP_ATTRIBUTION } : null,
  };
}

/** Configuration for tests: deterministic, quiet, no background jobs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'false', JOBS: 'false', AUDIT_KEY: 'test-audit-key-0123456789abcdef0123' }),
    ...overrides,
  };
}
