import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** A header's value (the first of that name), unfolded. */
  header(name: string): string | undefined;
  /** The decoded body of the part of this content type (text/plain, text/html), or undefined. */
  part(type: 'text/plain' | 'text/html'): string | undefined;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** The parts of a MIME message, one level of multipart/alternative or multipart/mixed deep (what nodemailer writes). */
function parse(raw: string): Pick<ReceivedMail, 'header' | 'part'> {
  const split = (message: string) => {
    const at = message.indexOf('\r\n\r\n');
    const head = message.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
    return { head, body: message.slice(at + 4) };
  };
  const headerOf = (head: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
  const decode = (head: string, body: string) => {
    const encoding = headerOf(head, 'Content-Transfer-Encoding')?.toLowerCase();
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return body;
  };
  const top = split(raw);
  const parts: { type: string; body: string }[] = [];
  const type = headerOf(top.head, 'Content-Type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const chunk of top.body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = split(chunk.replace(/^\r\n/, ''));
      parts.push({ type: (headerOf(part.head, 'Content-Type') ?? 'text/plain').split(';')[0]!.trim(), body: decode(part.head, part.body.replace(/\r\n$/, '')) });
    }
  } else parts.push({ type: type.split(';')[0]!.trim(), body: decode(top.head, top.body) });
  return { header: (name) => headerOf(top.head, name), part: (t) => parts.find((p) => p.type === t)?.body };
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package), keeping every
 * message it is sent. No TLS and no login, as a relay on a private network.
 */
export async function startSmtpReceiver(options: { failWith?: () => number | null } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = options.failWith?.() ?? null;
        if (code !== null) {
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parse(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
