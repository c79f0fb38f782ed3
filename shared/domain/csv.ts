import type { Options } from 'csv-stringify/sync';

/**
 * The CSV dialect of every file Readout writes — the export and the
 * dashboard's downloads alike — for csv-stringify: RFC 4180, CRLF between
 * records and any field holding a CR or LF quoted (csv-stringify stops
 * quoting a lone \r or \n once the delimiter is given), and true/false as
 * words rather than csv-stringify's default 1 and empty.
 */
export const CSV_DIALECT = {
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  cast: { boolean: (value: boolean) => String(value) },
} as const satisfies Options;
