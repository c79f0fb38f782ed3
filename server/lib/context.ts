import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import type { Role } from '#shared/schemas/users.ts';
import type { RequestInfo } from './client-address.ts';
import type { Clock } from './clock.ts';

/** Everything a request handler may reach, passed to createApp rather than imported. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** How the request proved who it is: a browser session, or a personal API token. */
  via: 'session' | 'token';
  /** The session's public id, or the token's id. */
  credentialId: string;
  /** When this session last proved its owner (password or code); null for a token. */
  verifiedAt: number | null;
  ip: string | null;
  userAgent: string | null;
  mfaEnabled: boolean;
  /** An admin reset the password (or made the account): it must be changed before anything else. */
  mustChangePassword: boolean;
  /** Past the grace period without two-factor authentication: enrolling is all this account may do. */
  mfaEnrolmentDue: boolean;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    user: CurrentUser | null;
    /** Why the credential sent (if any) names no active user; the 401 of a route that needs one says it. */
    credentialProblem: string | null;
    /** The client's address and user agent, for throttling and the audit log. */
    request: RequestInfo;
  };
}
