import { resolve } from 'node:path';
import { z } from 'zod';
import { isValidKeyName, parseSignerKey } from './transparency/note-keys';

/**
 * The one typed configuration, read from the environment once at start. Every setting is
 * documented in the README's table; a bad value stops the process naming the variable.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ZUTUAN_DATA_DIR: z.string().min(1).default('./data'),
  ZUTUAN_DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  ZUTUAN_LOAD_DEMO: z.enum(['true', 'false']).default('true'),
  ZUTUAN_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  ZUTUAN_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Seconds a process may reuse a session it resolved (0: ask the database every request).
  ZUTUAN_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  ZUTUAN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  ZUTUAN_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  ZUTUAN_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  ZUTUAN_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ZUTUAN_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  ZUTUAN_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  // The transparency log: checkpoints name their log `<ZUTUAN_LOG_ORIGIN>/<programme code>`, and
  // the signing key is named ZUTUAN_LOG_ORIGIN when the platform creates it.
  ZUTUAN_LOG_ORIGIN: z
    .string()
    .refine(isValidKeyName, 'must be a C2SP key name (no spaces or "+"), e.g. zutuan.example')
    .default('zutuan.example'),
  // A C2SP signer key `PRIVATE+KEY+<name>+<id>+<key>` for checkpoints; unset, the platform creates
  // one at first start and keeps it in the database (table log_keys), shared by every process.
  ZUTUAN_LOG_SIGNER_KEY: z
    .string()
    .refine((key) => {
      try {
        parseSignerKey(key);
        return true;
      } catch {
        return false;
      }
    }, 'must be a C2SP signer key PRIVATE+KEY+<name>+<key id>+<key>')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string | undefined;
  loadDemo: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  sessionCacheSeconds: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: 'auto' | boolean;
  dbPoolSize: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logOrigin: string;
  logSignerKey: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
};

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.ZUTUAN_DATA_DIR),
    demoPassword: e.ZUTUAN_DEMO_PASSWORD,
    loadDemo: e.ZUTUAN_LOAD_DEMO === 'true',
    sessionIdleMinutes: e.ZUTUAN_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.ZUTUAN_SESSION_MAX_HOURS,
    sessionCacheSeconds: e.ZUTUAN_SESSION_CACHE_SECONDS,
    loginMaxFailures: e.ZUTUAN_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.ZUTUAN_LOGIN_LOCK_MINUTES,
    cookieSecure: e.ZUTUAN_COOKIE_SECURE === 'auto' ? 'auto' : e.ZUTUAN_COOKIE_SECURE === 'true',
    dbPoolSize: e.ZUTUAN_DB_POOL_SIZE,
    bodyLimitBytes: e.ZUTUAN_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.ZUTUAN_UPLOAD_LIMIT_BYTES,
    logOrigin: e.ZUTUAN_LOG_ORIGIN,
    logSignerKey: e.ZUTUAN_LOG_SIGNER_KEY,
    logLevel: e.LOG_LEVEL,
  };
}
