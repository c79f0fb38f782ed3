import type { ReactNode } from 'react';
import { STATUS_LABELS } from '#shared/domain/call-labels.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';

export function StatusBadge({ status }: { status: CallStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"]+/gi;

/** The http(s) addresses in a text, each with where it starts; trailing punctuation is left out. */
export function findWebAddresses(text: string): { url: string; index: number }[] {
  const found: { url: string; index: number }[] = [];
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    try {
      if (['http:', 'https:'].includes(new URL(url).protocol)) found.push({ url, index: match.index });
    } catch {
      // Not a parseable address: it stays plain text.
    }
  }
  return found;
}

/**
 * A source as written, with every web address in it a link (only http and
 * https, so a javascript: or data: "source" stays inert text).
 */
export function SourceText({ source }: { source: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { url, index } of findWebAddresses(source)) {
    if (index > at) parts.push(source.slice(at, index));
    parts.push(
      <a key={index} href={url} target="_blank" rel="noreferrer noopener" className="break-anywhere">
        {url}
      </a>,
    );
    at = index + url.length;
  }
  if (at < source.length) parts.push(source.slice(at));
  return <span className="prewrap">{parts}</span>;
}
