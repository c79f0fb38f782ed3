import { createHmac } from 'node:crypto';

/** The header a receiver checks (README: "Verifying a webhook"). */
export const SIGNATURE_HEADER = 'Readout-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the time is
 * signed with the body, so a receiver can refuse an old delivery replayed.
 */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
