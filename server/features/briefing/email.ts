import type { Briefing } from '#shared/schemas/briefing.ts';
import type { RenderedEmail } from '../mail/alert-email.ts';
import { escapeHtml, htmlDocument } from '../mail/html.ts';

const withRound = (item: { sentence: string; round: { title: string } | null }) => (item.round ? `${item.sentence} (Round: ${item.round.title})` : item.sentence);

/** The briefing as an email: the open calls, then the replies of the last day, each a sentence; a link to the page. */
export function renderBriefingEmail(briefing: Briefing, localDate: string, baseUrl: string): RenderedEmail {
  const link = `${baseUrl.replace(/\/$/, '')}/briefing`;
  const asOf = `${briefing.asOf.slice(0, 10)} ${briefing.asOf.slice(11, 16)} UTC`;
  const title = `Readout briefing for ${localDate}`;
  const open = briefing.open.map(withRound);
  const replied = briefing.repliedSince.map(withRound);
  const text = [
    `${title} (as of ${asOf})`,
    '',
    `Still awaiting a call back (${open.length})`,
    ...(open.length ? open.map((s) => `- ${s}`) : ['- None.']),
    '',
    `Replied in the last 24 hours (${replied.length})`,
    ...(replied.length ? replied.map((s) => `- ${s}`) : ['- None.']),
    '',
    `The briefing in Readout: ${link}`,
    '',
    'You get this email because you subscribed to the daily briefing on your account page.',
    '',
  ].join('\n');
  const list = (items: string[]) => (items.length ? `<ul>${items.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '<p>None.</p>');
  const html = htmlDocument(
    title,
    `<h1 style="font-size:20px">${escapeHtml(title)}</h1><p style="color:#555">As of ${escapeHtml(asOf)}</p>` +
      `<h2 style="font-size:17px">Still awaiting a call back (${open.length})</h2>${list(open)}` +
      `<h2 style="font-size:17px">Replied in the last 24 hours (${replied.length})</h2>${list(replied)}` +
      `<p><a href="${escapeHtml(link)}">Open the briefing in Readout</a></p>` +
      '<p style="color:#666;font-size:13px">You get this email because you subscribed to the daily briefing on your account page.</p>',
  );
  return { subject: `${title}: ${open.length} awaiting, ${replied.length} replied`, text, html };
}
