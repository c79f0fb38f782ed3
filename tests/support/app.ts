import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { z } from 'zod';
import { createApp } from '#server/app.ts';
import { type Config, defaultConfig } from '#server/config.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { hashSecret, newSecret } from '#server/lib/secrets.ts';
import type { Role } from '#shared/schemas/users.ts';
import { createTestDatabase } from './database.ts';

export const ORIGIN = 'http://localhost';
const DAY = 24 * 3600 * 1000;

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  /** Sends a request as this user: session cookie and a same-origin Origin header. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/**
 * The real app in process, on a database of its own, with a clock the test
 * controls. Users are inserted directly so tests of one feature do not
 * depend on the login routes.
 */
export async function createTestApp(options: { now?: string; config?: Partial<Config> } = {}) {
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? '2013-02-18T12:00:00Z');
  // Real argon2id, at a cost that keeps the suite fast.
  const config = defaultConfig({ passwordHashCost: { memoryCost: 1024, timeCost: 1, parallelism: 1 }, ...options.config });
  const app = createApp({ db: database.db, dialect: database.dialect, clock, config }, { eventPollMs: 25, credentialCheckMs: 50 });
  afterAll(() => database.close());

  async function request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, headers, ...rest } = init;
    const h = new Headers(headers);
    if (json !== undefined) {
      h.set('content-type', 'application/json');
      rest.body = JSON.stringify(json);
    }
    return app.request(`${ORIGIN}${path}`, { ...rest, headers: h });
  }

  async function createUser(role: Role, username = `${role}-${randomUUID().slice(0, 8)}`): Promise<TestUser> {
    const id = randomUUID();
    const now = clock.now();
    await database.db
      .insertInto('users')
      .values({ id, username, display_name: username, role, password_hash: 'not-a-password', disabled: 0, created_at: now, updated_at: now })
      .execute();
    const sessionId = newSecret();
    await database.db
      .insertInto('sessions')
      // A session that never goes idle and counts as freshly logged in, so
      // tests of other features may move the clock freely; the auth tests
      // use real logins for the timeouts.
      .values({ id_hash: hashSecret(sessionId), id: randomUUID(), user_id: id, created_at: now, expires_at: now + 365 * DAY, last_seen_at: now + 3650 * DAY, verified_at: now + 3650 * DAY })
      .execute();
    return {
      id,
      username,
      role,
      request: (path, init = {}) => {
        const h = new Headers(init.headers);
        h.set('cookie', `readout_session=${sessionId}`);
        if (!h.has('origin')) h.set('origin', ORIGIN);
        return request(path, { ...init, headers: h });
      },
    };
  }

  return { app, db: database.db, dialect: database.dialect, databaseUrl: database.url, config, clock, request, createUser };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Reads a JSON body and checks it against a shared schema, failing with the issues. */
export async function bodyAs<T extends z.core.$ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
  const body: unknown = await response.clone().json();
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    throw new Error(`Response (${response.status}) does not match the schema: ${JSON.stringify(parsed.error.issues)}\n${JSON.stringify(body)}`);
  }
  return parsed.data;
}

/** Asserts a problem+json answer with this status, naming these fields. */
export async function expectProblem(response: Response, status: number, fields: string[] = []) {
  const text = await response.clone().text();
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${text}`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`Expected problem+json, got ${type}: ${text}`);
  const body = JSON.parse(text) as { errors?: { path: string }[] };
  const paths = (body.errors ?? []).map((e) => e.path);
  for (const field of fields) {
    if (!paths.includes(field)) throw new Error(`Expected an error naming "${field}", got ${JSON.stringify(paths)}: ${text}`);
  }
  return body;
}
