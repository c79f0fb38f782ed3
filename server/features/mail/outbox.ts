import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How long an email is retried after it is stored. */
export const MAIL_RETRY_WINDOW_MS = 24 * 3600_000;

export interface OutgoingEmail {
  /** The outbox id to use (default: a new one). */
  id?: string;
  /** What the email is of; an email handed over twice under one key is stored once. */
  dedupeKey: string;
  kind: 'alert' | 'briefing';
  userId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Stores an email in the caller's transaction, to be sent by the mail
 * worker: committed with what caused it or not at all, so a crash between
 * the commit and the send loses nothing. Answers the stored id, or null when
 * the key was stored already.
 */
export async function enqueueEmail(db: Db, email: OutgoingEmail, now: number): Promise<string | null> {
  const id = email.id ?? randomUUID();
  const result = await db
    .insertInto('email_outbox')
    .values({
      id,
      dedupe_key: email.dedupeKey,
      kind: email.kind,
      user_id: email.userId,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      retry_until: now + MAIL_RETRY_WINDOW_MS,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}
