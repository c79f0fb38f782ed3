import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Deps } from '../../lib/context.ts';
import type { Drain } from '../../lib/drain.ts';
import { checkHealth } from './check.ts';

type Fetch = (request: Request) => Response | Promise<Response>;
type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The app's own 200 answer to GET /api/health, to be sent again as it was. */
interface Kept {
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Headers node:http writes itself for each answer. */
const PER_ANSWER = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Load balancers and monitors ask for GET /api/health many times a second.
 * While the check says `ok`, this answers it on node:http with the very
 * headers and body the app answered it with (kept from the app's first `ok`
 * answer), without building a fetch Request and Response for it. Every other
 * request, and the health check in any other state (unavailable, degraded,
 * draining, or before the app has answered `ok` once), goes to the app
 * (`next`), which remains the one place the answers are defined:
 * tests/api/health-fast-path.test.ts holds the two to the same bytes.
 */
export function withHealthFastPath(fetch: Fetch, deps: Deps, drain: Drain | undefined, next: Listener): Listener {
  let kept: Kept | undefined;
  let keeping: Promise<void> | undefined;

  const keep = async () => {
    const answer = await fetch(new Request('http://localhost/api/health'));
    const body = Buffer.from(await answer.arrayBuffer());
    if (answer.status !== 200) return;
    const headers: OutgoingHttpHeaders = {};
    answer.headers.forEach((value, name) => {
      if (!PER_ANSWER.has(name)) headers[name] = value;
    });
    headers['content-length'] = String(body.byteLength);
    kept = { headers, body };
  };

  return (req, res) => {
    if (req.method !== 'GET' || req.url !== '/api/health') return next(req, res);
    const answer = kept;
    if (drain?.draining) return next(req, res);
    if (!answer) {
      keeping ??= keep()
        .catch(() => undefined)
        .finally(() => (keeping = undefined));
      return next(req, res);
    }
    checkHealth(deps).then(
      (health) => {
        if (health.state !== 'ok' || drain?.draining) return next(req, res);
        res.writeHead(200, answer.headers);
        res.end(answer.body);
      },
      () => next(req, res),
    );
  };
}
