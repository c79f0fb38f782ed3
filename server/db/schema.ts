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
  /** Migration 0050: a promised callback, an aide's acknowledgement; episode grows at each reopening. */
  // Optional here so that code writing calls without them (seeding, the import's bulk rows) need not name them.
  promised_by?: number | null;
  acknowledged_at?: number | null;
  episode?: number;
  /** Migration 0060: the round (null: none); tries counting the first; the latest try (null: placed_at). */
  round_id?: string | null;
  attempts?: number;
  last_attempt_at?: number | null;
}

export interface RoundsTable {
  id: string;
  title: string;
  trigger: string;
  trigger_at: number | null;
  initiator_id: string | null;
  notes: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  created_by: string;
}

export interface AttemptsTable {
  id: string;
  call_id: string;
  at: number;
  channel: string;
  notes: string | null;
  created_at: number;
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
  /** The only user who may see this change on the event stream; null: everyone (migration 0050). */
  audience_id?: string | null;
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

export interface AlertRulesTable {
  id: string;
  name: string;
  kind: string;
  threshold_ms: number | null;
  ministry_id: string | null;
  round_id: string | null;
  /** JSON array of channels. */
  channels: string;
  webhook_id: string | null;
  owner_id: string;
  enabled: number;
  last_fired_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Outbound deliveries of alerts (migration 0055). */
export interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: number | null;
  failing_since: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlertFiringsTable {
  id: string;
  rule_id: string;
  call_id: string;
  kind: string;
  episode: number;
  fired_at: number;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  firing_id: string | null;
  rule_id: string | null;
  call_id: string | null;
  type: string;
  title: string;
  created_at: number;
  read_at: number | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  /** pending | delivered | failed */
  state: string;
  attempts: number;
  next_attempt_at: number | null;
  retry_until: number;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  next_retry_at: number | null;
}

export interface Database {
  ministries: MinistriesTable;
  officials: OfficialsTable;
  absences: AbsencesTable;
  calls: CallsTable;
  rounds: RoundsTable;
  attempts: AttemptsTable;
  history: HistoryTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  login_failures: LoginFailuresTable;
  stats_changes: StatsChangesTable;
  stats_state: StatsStateTable;
  health_probe: HealthProbeTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  known_addresses: KnownAddressesTable;
  audit_log: AuditLogTable;
  audit_state: AuditStateTable;
  alert_rules: AlertRulesTable;
  alert_firings: AlertFiringsTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
