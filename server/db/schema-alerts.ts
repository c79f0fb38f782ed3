// Tables of alerts, notifications, webhooks and email, split from schema.ts;
// the same conventions hold: timestamps in epoch milliseconds, booleans as 0/1.

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

/** Emails stored before they are sent (migration 0070). */
export interface EmailOutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  user_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** pending | sent | failed */
  state: string;
  attempts: number;
  next_attempt_at: number | null;
  retry_until: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface BriefingSendsTable {
  user_id: string;
  local_date: string;
  email_id: string;
  created_at: number;
}
