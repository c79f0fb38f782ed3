import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Verify = (header: string, body: string, secret: string, now?: number) => boolean;

/**
 * The README's example verifier, taken from the README itself (the ```js block
 * under "Verifying a webhook"), so the code people copy is the code tested.
 */
export async function readmeVerifier(): Promise<Verify> {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const section = readme.slice(readme.indexOf('### Verifying a webhook'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README.md has no ```js block under "### Verifying a webhook"');
  const file = join(mkdtempSync(join(tmpdir(), 'readout-verify-')), 'verify.mjs');
  writeFileSync(file, code);
  const module = (await import(pathToFileURL(file).href)) as { verifyReadoutSignature?: Verify };
  if (typeof module.verifyReadoutSignature !== 'function') throw new Error('The README example exports no verifyReadoutSignature');
  return module.verifyReadoutSignature;
}

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The README's check passed, with the secret and the clock the receiver was given. */
  verified: boolean;
}

export interface Answer {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

/**
 * A webhook receiver on 127.0.0.1 that checks every signature with the
 * README's code and answers as the test says (by default 204).
 */
export async function startReceiver(options: { secret?: () => string | undefined; now?: () => number } = {}) {
  const verify = await readmeVerifier();
  const received: Received[] = [];
  let answer: (n: number) => Answer = () => ({ status: 204 });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const secret = options.secret?.();
      const header = req.headers['readout-signature'];
      const verified = typeof header === 'string' && secret !== undefined && verify(header, body, secret, options.now?.() ?? Date.now());
      received.push({ headers: req.headers, body, verified });
      const reply = answer(received.length);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers).end();
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    answerWith(fn: (n: number) => Answer) {
      answer = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
