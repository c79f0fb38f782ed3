import type { Generated } from 'kysely';

// Timestamps are stored as epoch milliseconds (bigint) in both dialects, so
// durations are plain subtraction in SQL and nothing depends on time zones.
// Booleans are stored as 0/1 integers; repositories map them.

export interface MinistriesTable {
  id: string;
  name: string;
  short_name: string;
  country: string;
  /** JSON WorkingHours (migration 0040). */
  working_hours: string;
  country_holidays: number;
  /** JSON array of local dates, sorted. */
  extra_holidays: string;
  created_at: number;
  updated_at: number;
}

export interface AbsencesTable {
  id: string;
  official_id: string;
  from_at: number;
  to_at: number;
  reason: string;
  source: string | null;
  created_at: number;
  updated_at: number;
}

export interface OfficialsTable {
  id: string;
  name: string;
  title: string;
  ministry_id: string;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

export interface CallsTable {
  id: string;
  caller_id: string;
  callee_id: string;
  placed_at: number;
  channel: string;
  topic: string;
  notes: string | null;
  source: string | null;
  status: string;
  responded_at: number | null;
  closed_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
  created_by: string;
}

export interface HistoryTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
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

/** Written only by triggers (migration 0002): changes to the fields statistics read. */
export interface StatsChangesTable {
  seq: Generated<number>;
  /** PostgreSQL transaction id of the change; null on SQLite. */
  xid: number | null;
  /** -1: the old values leave the statistics; +1: the new ones enter. */
  sign: number;
  callee_id: string;
  placed_at: number;
  status: string;
  responded_at: number | null;
  closed_at: number | null;
}

export interface StatsStateTable {
  id: number;
  pruned_mark: number;
}

/** One row, rewritten by the health check to learn whether a full disk has room again. */
export interface HealthProbeTable {
  id: number;
  checked_at: number;
}

export interface Database {
  ministries: MinistriesTable;
  officials: OfficialsTable;
  absences: AbsencesTable;
  calls: CallsTable;
  history: HistoryTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  login_failures: LoginFailuresTable;
  stats_changes: StatsChangesTable;
  stats_state: StatsStateTable;
  health_probe: HealthProbeTable;
}
