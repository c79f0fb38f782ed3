import { z } from 'zod';

/** A duration in milliseconds, at most an hour. */
function millis(fallback: number, options: { zero?: boolean } = {}) {
  return z.coerce
    .number()
    .int()
    .min(options.zero ? 0 : 1)
    .max(3_600_000)
    .default(fallback);
}

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/readout.db'),
  /** Set when served over HTTPS (directly or behind a proxy), so cookies are marked Secure. */
  SECURE_COOKIES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Absolute lifetime of a login session in hours, however busy it is. */
  SESSION_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /** Minutes a session may go unused before it ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  /** Days an admin may work without two-factor authentication after their first login. */
  MFA_GRACE_DAYS: z.coerce.number().min(0).max(90).default(7),
  /** Who must use two-factor authentication: the admins (default) or everyone. */
  MFA_REQUIRED: z.enum(['admins', 'everyone']).default('admins'),
  /** Set behind a reverse proxy that writes X-Forwarded-For, so the client's address is read from it. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * The address users open, e.g. https://readout.example.org (several may be
   * listed, comma-separated). Requests naming another host are refused (421).
   */
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return [];
      const origins: string[] = [];
      for (const part of value.split(',')) {
        try {
          const url = new URL(part.trim());
          if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
          origins.push(url.origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not an http(s) URL such as https://readout.example.org` });
        }
      }
      return origins;
    }),
  /** Days audit-log entries are kept; 0 keeps them for ever. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(365),
  /** Where the built client lives; defaults to dist/client beside the project. */
  CLIENT_DIR: z.string().optional(),
  /** PostgreSQL: longest wait to open a connection, or for a free one, before answering 503. */
  DB_CONNECT_TIMEOUT_MS: millis(5000),
  /** PostgreSQL: longest a statement may run before it is cancelled and the request answered 503 (0: no limit). */
  DB_STATEMENT_TIMEOUT_MS: millis(5000, { zero: true }),
  /** Longest a write waits for a lock held by another process (SQLite) or transaction (PostgreSQL) before answering 503. */
  DB_LOCK_TIMEOUT_MS: millis(5000),
  /** On SIGTERM/SIGINT: how long open requests and downloads may take to finish before they are cut. */
  DRAIN_TIMEOUT_MS: millis(25_000, { zero: true }),
  /** The largest import file taken, in bytes (413 beyond); it is held on disk, in the temporary folder, while it is imported. */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  /** The most rows one import file may hold (413 beyond). */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(1_000_000),
  /**
   * Webhook hosts allowed although they are (or resolve to) loopback, private
   * or link-local addresses, comma-separated: `127.0.0.1,hooks.internal`.
   */
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((host) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')).filter((host) => host !== '')),
  /** How often each instance looks for webhook deliveries that are due. */
  WEBHOOK_POLL_MS: millis(1000),
  /** The SMTP server alerts and briefings are sent through, `smtp://host:port` (or `smtps://`, with `user:password@` if it asks); unset: no email. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        const url = new URL(value.trim());
        if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('not smtp(s)');
        return url.toString();
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an smtp:// or smtps:// URL such as smtp://mail.example.org:587' });
        return z.NEVER;
      }
    }),
  /** The From: of every email Readout sends. */
  MAIL_FROM: z.string().trim().min(3).default('Readout <readout@localhost>'),
  /** How often each instance looks for emails that are due, and for briefings to send. */
  MAIL_POLL_MS: millis(2000),
});

/**
 * argon2id cost. Not read from the environment: production always uses
 * `PASSWORD_HASH_COST`; only tests pass a cheaper one, to stay fast.
 */
export interface PasswordHashCost {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  parallelism: number;
}

/** OWASP's recommended argon2id setting (19 MiB, 2 passes, 1 lane). */
export const PASSWORD_HASH_COST: PasswordHashCost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export type Config = z.infer<typeof Config> & { passwordHashCost?: PasswordHashCost };

/** The only reader of process.env: parse once at boot and fail fast with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The address links in emails point to: the first PUBLIC_URL, else the
 * address the server listens on.
 */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  return config.PUBLIC_URL[0] ?? `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
}

/** Configuration for tests and tools that do not read the environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...Config.parse({}), ...overrides };
}
