import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** The encodings Hono's compress writes. */
const ACCEPTS_COMPRESSION = /\b(?:gzip|deflate)\b/i;

/**
 * Whether gzip is what `compress` would choose for this Accept-Encoding:
 * accepted (explicitly or by `*`, q > 0) and not ranked below deflate.
 */
export function choosesGzip(header: string | undefined): boolean {
  if (!header || (!ACCEPTS_COMPRESSION.test(header) && !header.includes('*'))) return false;
  const accepts = parseAccept(header);
  const q = (encoding: string) => accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? accepts.find((a) => a.type === '*')?.q ?? 0;
  const gzip = q('gzip');
  return gzip > 0 && (gzip === 1 || gzip >= q('deflate'));
}

const JSON_ANSWER = /^application\/(?:[\w.-]+\+)?json\b/i;

/**
 * An answer built whole in memory (a JSON body), as opposed to a stream: the
 * export (an attachment) and the event stream are never read here, so they
 * keep flowing as they are written.
 */
function isWhole(c: Context): boolean {
  const type = c.res.headers.get('Content-Type') ?? '';
  return JSON_ANSWER.test(type) && !/attachment/i.test(c.res.headers.get('Content-Disposition') ?? '') && c.res.body !== null;
}

/**
 * Compresses API answers for clients that accept it (Hono's `compress`:
 * gzip or deflate, with `Vary: Accept-Encoding`). Hono gives a JSON answer
 * no Content-Length, which the threshold needs, so a whole answer's length
 * is measured first; a streamed one (an export) is compressed as it flows,
 * and the event stream (`text/event-stream`) is left alone by `compress`
 * itself, never buffered.
 */
export function compressAnswers(threshold = COMPRESS_THRESHOLD_BYTES): MiddlewareHandler {
  const zip = compress({ threshold });
  return (c, next) => {
    // A client that takes neither encoding gets the answer as it is: no length to measure, no copy of the body.
    if (!ACCEPTS_COMPRESSION.test(c.req.header('Accept-Encoding') ?? '')) return next();
    return zip(c, async () => {
      await next();
      if (c.req.method === 'HEAD' || c.res.headers.has('Content-Length') || !isWhole(c)) return;
      const body = await c.res.arrayBuffer();
      const res = new Response(body, c.res);
      res.headers.set('Content-Length', String(body.byteLength));
      c.res = res;
    });
  };
}
