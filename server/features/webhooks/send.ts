import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, checkedAddresses, guardedLookup, hostOf } from './address-guard.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

/** A receiver that has not answered in this long has failed this try. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Only the status matters; a longer answer is not read to its end. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface TryResult {
  statusCode: number | null;
  /** Null when the receiver answered 2xx. */
  error: string | null;
  durationMs: number;
}

function describe(error: unknown): string {
  if (error instanceof BlockedAddressError) return `refused: the URL ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * One try: a signed JSON POST, checked against the address rules as it
 * connects (the lookup that checks is the one the socket uses), given
 * `timeoutMs` in all, never following a redirect (a 3xx is a failure).
 */
export async function sendOnce(
  target: { url: string; secret: string },
  body: string,
  options: { nowMs: number; allowHosts: readonly string[]; timeoutMs?: number },
): Promise<TryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target.url);
  const host = hostOf(url);
  try {
    // A literal address never goes through `lookup`: check it here.
    if (isIP(host)) await checkedAddresses(host, options.allowHosts);
    const statusCode = await post(url, body, signatureHeader(target.secret, body, options.nowMs), options.allowHosts, options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    if (statusCode >= 200 && statusCode < 300) return { statusCode, error: null, durationMs: elapsed() };
    const why = statusCode >= 300 && statusCode < 400 ? 'a redirect, which is not followed' : 'not a 2xx status';
    return { statusCode, error: `answered ${statusCode}: ${why}`, durationMs: elapsed() };
  } catch (error) {
    return { statusCode: null, error: describe(error), durationMs: elapsed() };
  }
}

function post(url: URL, body: string, signature: string, allowHosts: readonly string[], timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      // A fresh connection each time, so every connection goes through the checking lookup.
      agent: false,
      lookup: guardedLookup(allowHosts) as never,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Readout-Webhook/1',
        [SIGNATURE_HEADER]: signature,
      },
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.once('response', (res) => {
      let read = 0;
      const finish = () => {
        clearTimeout(timer);
        req.destroy();
        resolve(res.statusCode ?? 0);
      };
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) finish();
      });
      res.once('end', finish);
      res.once('error', finish);
    });
    req.end(body);
  });
}
