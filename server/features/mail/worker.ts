import { randomUUID } from 'node:crypto';
import type { Deps } from '../../lib/context.ts';
import { retryDelayMs } from '../webhooks/worker.ts';
import { type MailSend, smtpSender } from './transport.ts';

/** A claimed email is another instance's to take if it is not settled within this (a crash mid-send). */
const LEASE_MS = 120_000;
/** Emails sent at once by one instance. */
const BATCH = 10;

export interface MailWorkerOptions {
  pollMs?: number;
  /** Instead of SMTP_URL's server (tests of failure). */
  send?: MailSend;
  random?: () => number;
}

/**
 * Sends the stored emails that are due, in every instance. An email is
 * claimed with a conditional update (pending, due, and no live lease): of
 * two instances reaching for one row, only one update changes it, so each
 * email is sent by one instance. Failures are retried with backoff for 24 h.
 * A crash after the SMTP server took an email but before it was marked sent
 * sends it again once the lease runs out (at least once, never lost).
 */
export class MailWorker {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private readonly sender;

  constructor(
    private readonly deps: Deps,
    private readonly options: MailWorkerOptions = {},
  ) {
    this.sender = options.send ? { send: options.send, close() {} } : smtpSender(deps.config);
  }

  /** Whether there is anywhere to send email (SMTP_URL set). */
  get enabled(): boolean {
    return this.sender !== null;
  }

  start(): void {
    if (!this.sender) return;
    this.stopped = false;
    const loop = () => {
      this.timer = undefined;
      void this.tick()
        .catch((error: unknown) => console.warn(`Email: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? this.deps.config.MAIL_POLL_MS);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    this.sender?.close();
  }

  /** One round: claims what is due and sends it; answers how many were tried. */
  tick(): Promise<number> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<number> {
    if (!this.sender) return 0;
    const now = this.deps.clock.now();
    const due = await this.deps.db
      .selectFrom('email_outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .execute();
    let tried = 0;
    for (const { id } of due) {
      if (!(await this.claim(id, now))) continue;
      tried += 1;
      await this.sendOne(id);
    }
    return tried;
  }

  /** The conditional update that makes this instance the only sender of the email. */
  private async claim(id: string, now: number): Promise<boolean> {
    const result = await this.deps.db
      .updateTable('email_outbox')
      .set({ lease_owner: this.id, lease_until: now + LEASE_MS })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async sendOne(id: string): Promise<void> {
    const row = await this.deps.db.selectFrom('email_outbox').selectAll().where('id', '=', id).where('lease_owner', '=', this.id).executeTakeFirst();
    if (!row) return;
    let error: string | null = null;
    try {
      await this.sender!.send({ id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const now = this.deps.clock.now();
    const attempts = Number(row.attempts) + 1;
    const giveUp = error !== null && now >= Number(row.retry_until);
    const set =
      error === null
        ? { state: 'sent', sent_at: now, last_error: null, next_attempt_at: null }
        : giveUp
          ? { state: 'failed', last_error: error, next_attempt_at: null }
          : { state: 'pending', last_error: error, next_attempt_at: Math.min(now + retryDelayMs(attempts, this.options.random), Number(row.retry_until)) };
    if (error !== null) console.warn(`Email ${id} to ${row.to_address} failed (try ${attempts}${giveUp ? ', giving up' : ''}): ${error}`);
    await this.deps.db
      .updateTable('email_outbox')
      .set({ ...set, attempts, lease_owner: null, lease_until: null, updated_at: now })
      .where('id', '=', id)
      .where('lease_owner', '=', this.id)
      .execute();
  }
}
