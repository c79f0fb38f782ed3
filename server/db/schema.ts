import type { Generated } from 'kysely';
import type { AlertRulesTable, WebhooksTable, AlertFiringsTable, NotificationsTable, WebhookDeliveriesTable, WebhookAttemptsTable, EmailOutboxTable, BriefingSendsTable } from './schema-alerts.ts';
import type { UsersTable, SessionsTable, MfaRecoveryCodesTable, KnownAddressesTable, AuditLogTable, AuditStateTable, ApiTokensTable, IdempotencyKeysTable, LoginFailuresTable } from './schema-auth.ts';

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
  email_outbox: EmailOutboxTable;
  briefing_sends: BriefingSendsTable;
}
