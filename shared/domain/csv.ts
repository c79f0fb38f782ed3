import type { Options } from 'csv-stringify/sync';

/**
 * Spreadsheet formula injection (CSV injection): a cell that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return may be run as a formula
 * when the file is opened. The export writes such a cell with a `'` in
 * front, which spreadsheets show as text; the import takes exactly that `'`
 * off again.
 *
 * To be lossless the rule also covers text that already begins with quotes
 * before such a character: a cell matching `'*[=+\-@\t\r]…` (any number of
 * quotes, then a trigger) gets one more quote on export, and on import a
 * cell matching `'+[=+\-@\t\r]…` loses one. Every other cell, including
 * text that begins with a quote followed by anything else ("'90s"), passes
 * both ways untouched. So export-then-import gives back every text exactly.
 */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

export function escapeCell(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

export function unescapeCell(text: string): string {
  return QUOTED.test(text) ? text.slice(1) : text;
}

/**
 * The CSV dialect of every file Readout writes — the export and the
 * dashboard's downloads alike — for csv-stringify: RFC 4180, CRLF between
 * records and any field holding a CR or LF quoted (csv-stringify stops
 * quoting a lone \r or \n once the delimiter is given), true/false as
 * words rather than csv-stringify's default 1 and empty, and no text cell
 * able to start a formula (escapeCell above).
 */
export const CSV_DIALECT = {
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  cast: { boolean: (value: boolean) => String(value), string: escapeCell },
} as const satisfies Options;
