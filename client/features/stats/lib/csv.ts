// The browser build: the default one reaches for Node's Buffer as it loads.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { CSV_DIALECT } from '#shared/domain/csv.ts';

/** A cell of a CSV built in the browser from the figures on screen. */
export type CsvValue = string | number | boolean | null | undefined;

/** One field as the dialect writes it (quoted only when it must be). */
export function csvField(value: CsvValue): string {
  return stringify([[value]], { ...CSV_DIALECT, eof: false });
}

/** A header and rows as CSV, in the dialect of the server's export. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify([[...header], ...rows.map((row) => [...row])], CSV_DIALECT);
}

/** Offers text as a file download (UTF-8, with a BOM so spreadsheet programs read accents right). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
