import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';
import { toIso } from '../../lib/time.ts';
import { appendAudit } from '../audit/service.ts';
import { RETRY_WINDOW_MS } from './enqueue.ts';
import { findWebhook, insertAttempt, updateDelivery, updateWebhook } from './repository.ts';
import { type TryResult, DELIVERY_TIMEOUT_MS, sendOnce } from './send.ts';

/** The first retry comes about this long after a failed try; each later one waits twice as long… */
const FIRST_RETRY_MS = 30_000;
/** …up to this. */
const MAX_RETRY_MS = 3600_000;
/** A claimed delivery is another instance's to take if it is not settled within this (a crash mid-try). */
const LEASE_MS = 60_000;
/** Deliveries tried at once by one instance. */
const BATCH = 10;

/**
 * The wait after the `failedTries`-th failed try: exponential, capped at an
 * hour, with "equal jitter" (half fixed, half random) so receivers coming
 * back from an outage are not hit by every sender in the same second.
 */
export function retryDelayMs(failedTries: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedTries - 1), MAX_RETRY_MS);
  return Math.round(base / 2 + random() * (base / 2));
}

/** What the coordinator of notifications is told when Readout disables a failing webhook. */
export interface WebhookDisabled {
  webhookId: string;
  url: string;
  reason: string;
  at: number;
}
/** Runs in the transaction that disables the webhook (e.g. to notify every admin in the app). */
export type WebhookDisabledHook = (trx: Transaction<Database>, disabled: WebhookDisabled) => Promise<void>;

export interface WorkerOptions {
  pollMs?: number;
  timeoutMs?: number;
  random?: () => number;
  onDisabled?: WebhookDisabledHook;
}

interface Claimed {
  id: string;
  webhook_id: string;
  body: string;
  attempts: number;
  retry_until: number;
  url: string;
  secret: string;
}

/**
 * Sends the stored deliveries that are due. Each instance runs one; they
 * share the work through the database: a delivery is claimed with a lease
 * (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two instances never claim the
 * same row; SQLite has one writer), tried, and its result stored with the
 * try in the log. A crash mid-try leaves the lease to run out, then the
 * delivery is tried again.
 */
export class WebhookWorker {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: WorkerOptions = {},
  ) {}

  /** Looks for due deliveries now, then every `pollMs`, until stopped. */
  start(): void {
    this.stopped = false;
    const loop = () => {
      this.timer = undefined;
      void this.tick()
        .catch((error: unknown) => console.warn(`Webhook deliveries: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? this.deps.config.WEBHOOK_POLL_MS);
        });
    };
    loop();
  }

  /** Stops looking and waits for the tries under way (each ends within the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round: claims what is due and tries it; answers how many tries were made. */
  tick(): Promise<number> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<number> {
    const claimed = await this.claim(this.deps.clock.now());
    await Promise.all(
      claimed.map(async (delivery) => {
        const at = this.deps.clock.now();
        const result = await sendOnce(delivery, delivery.body, {
          nowMs: at,
          allowHosts: this.deps.config.WEBHOOK_ALLOW_HOSTS,
          timeoutMs: this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
        });
        await this.settle(delivery, result, at);
      }),
    );
    return claimed.length;
  }

  private claim(now: number): Promise<Claimed[]> {
    return this.deps.db.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select('d.id')
        .where('d.state', '=', 'pending')
        .where('d.next_attempt_at', '<=', now)
        .where('w.enabled', '=', 1)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]))
        .orderBy('d.next_attempt_at')
        .limit(BATCH);
      if (this.deps.dialect === 'postgres') due = due.forUpdate('d').skipLocked();
      const ids = (await due.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      await trx.updateTable('webhook_deliveries').set({ lease_owner: this.id, lease_until: now + LEASE_MS }).where('id', 'in', ids).execute();
      const rows = await trx
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.webhook_id', 'd.body', 'd.attempts', 'd.retry_until', 'w.url', 'w.secret'])
        .where('d.id', 'in', ids)
        .execute();
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts), retry_until: Number(r.retry_until) }));
    });
  }

  /** Stores the try and what follows from it: delivered, retried later, or given up. */
  private async settle(delivery: Claimed, result: TryResult, at: number): Promise<void> {
    const now = this.deps.clock.now();
    const ok = result.error === null;
    const attempt = delivery.attempts + 1;
    const next = ok || now >= delivery.retry_until ? null : Math.min(now + retryDelayMs(attempt, this.options.random), delivery.retry_until);
    await this.deps.db.transaction().execute(async (trx) => {
      const state = ok ? 'delivered' : next === null ? 'failed' : 'pending';
      const owned = await updateDelivery(trx, delivery.id, { state, attempts: attempt, next_attempt_at: next, lease_owner: null, lease_until: null, updated_at: now }, this.id);
      if (!owned) {
        // Deleted with its webhook meanwhile, or taken over after the lease ran out: keep the try if the delivery is still there.
        const still = await trx.selectFrom('webhook_deliveries').select('id').where('id', '=', delivery.id).executeTakeFirst();
        if (!still) return;
      }
      await insertAttempt(trx, {
        id: randomUUID(),
        delivery_id: delivery.id,
        attempt,
        at,
        duration_ms: result.durationMs,
        status_code: result.statusCode,
        error: result.error,
        next_retry_at: owned ? next : null,
      });
      await this.recordHealth(trx, delivery.webhook_id, result, at, now);
    });
  }

  /** A success clears the failing streak; 24 hours of failure disables the webhook. */
  private async recordHealth(trx: Transaction<Database>, webhookId: string, result: TryResult, at: number, now: number): Promise<void> {
    const webhook = await findWebhook(trx, webhookId);
    if (!webhook) return;
    const failingSince = webhook.failing_since === null ? null : Number(webhook.failing_since);
    if (result.error === null) {
      if (failingSince !== null) await updateWebhook(trx, webhookId, { failing_since: null });
      return;
    }
    const since = failingSince ?? at;
    if (failingSince === null) await updateWebhook(trx, webhookId, { failing_since: since });
    if (Number(webhook.enabled) !== 1 || now - since < RETRY_WINDOW_MS) return;
    const reason = `Every delivery failed for 24 hours (since ${toIso(since)}); the last try: ${result.error}`;
    await updateWebhook(trx, webhookId, { enabled: 0, disabled_reason: reason, disabled_at: now, updated_at: now });
    await appendAudit(trx, this.deps, { type: 'webhook.auto_disabled', target: `webhook:${webhookId}`, detail: { url: webhook.url, failingSince: toIso(since), lastError: result.error } });
    await this.options.onDisabled?.(trx, { webhookId, url: webhook.url, reason, at: now });
  }
}
