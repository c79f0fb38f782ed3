import type { Generated } from 'kysely';

// Tables of accounts and their records, split from schema.ts; the same
// conventions hold: timestamps in epoch milliseconds, booleans as 0/1.

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: number;
  updated_at: number;
  /** The TOTP secret (base32) once two-factor authentication is on. */
  mfa_secret: string | null;
  mfa_enabled_at: number | null;
  /** A secret shown by mfa/setup, waiting for its first code. */
  mfa_pending_secret: string | null;
  /** The last TOTP time step accepted, so no code is accepted twice. */
  mfa_last_step: number | null;
  first_login_at: number | null;
  last_login_at: number | null;
  /** Set by an admin's new password (or a new account): the next login must change it. */
  must_change_password: Generated<number>;
  /** Migration 0070: where email goes; the user's IANA time zone; their briefing's local time "HH:MM" (null: not subscribed). */
  email?: string | null;
  time_zone?: string | null;
  briefing_at?: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value. */
  id_hash: string;
  /** The public id the sessions list shows; not the secret. */
  id: string;
  user_id: string;
  created_at: number;
  /** The absolute end: created_at + SESSION_HOURS. */
  expires_at: number;
  last_seen_at: number;
  /** When the owner last proved who they are (password or code) in this session. */
  verified_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface MfaRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface KnownAddressesTable {
  user_id: string;
  ip: string;
  last_login_at: number;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  type: string;
  actor_id: string | null;
  actor: string | null;
  ip: string | null;
  user_agent: string | null;
  via: string | null;
  target: string | null;
  /** JSON object. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditStateTable {
  id: number;
  last_seq: number;
  last_hash: string;
  pruned_through: number;
  anchor_hash: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: number;
}

export interface LoginFailuresTable {
  subject: string;
  failures: number;
  window_started_at: number;
  blocked_until: number;
}
