import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

/** One message as the worker hands it to SMTP. */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type MailSend = (message: MailMessage) => Promise<void>;

/** How long a connection, greeting or reply of the SMTP server may take. */
const SMTP_TIMEOUT_MS = 10_000;

/** A sender over SMTP_URL, or null when email is off (no SMTP_URL). */
export function smtpSender(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): { send: MailSend; close(): void } | null {
  if (!config.SMTP_URL) return null;
  const url = new URL(config.SMTP_URL);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: config.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // The outbox id, so a receiver can tell a resend after a crash from a new email.
        messageId: `<${message.id}@readout>`,
        headers: { 'X-Readout-Email-Id': message.id },
      });
    },
    close: () => transport.close(),
  };
}
