import { describeFiring } from '../alerts/describe.ts';
import type { AlertFiring } from '../alerts/firing.ts';
import { escapeHtml, htmlDocument } from './html.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** An alert as an email: what happened, the call's facts, and a link back to the call. */
export function renderAlertEmail(firing: AlertFiring, baseUrl: string): RenderedEmail {
  const { call, rule } = firing;
  const headline = describeFiring(firing);
  const link = `${baseUrl.replace(/\/$/, '')}/calls/${encodeURIComponent(call.id)}`;
  const facts: [string, string][] = [
    ['Call', `${call.caller.name} (${call.caller.ministry.shortName}) to ${call.callee.name} (${call.callee.ministry.shortName})`],
    ['Topic', call.topic],
    ['Placed', utc(call.placedAt)],
    ['Status', call.status],
    ...(call.promisedBy ? ([['Promised by', utc(call.promisedBy)]] as [string, string][]) : []),
    ['Rule', rule.name],
  ];
  const text = [headline, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', `Open the call: ${link}`, '', 'Sent by Readout.', ''].join('\n');
  const rows = facts.map(([k, v]) => `<tr><th style="text-align:left;padding-right:1em;font-weight:600">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const html = htmlDocument(
    headline,
    `<p><strong>${escapeHtml(headline)}</strong></p><table>${rows}</table><p><a href="${escapeHtml(link)}">Open the call in Readout</a></p>`,
  );
  return { subject: `Readout: ${headline}`, text, html };
}
