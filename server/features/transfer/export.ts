import { stringify } from 'csv-stringify/sync';
import { CSV_DIALECT } from '#shared/domain/csv.ts';
import { type ExportFormat, type ExportQuery, TRANSFER_COLUMNS, type TransferRow, toTransferRow } from '#shared/schemas/transfer.ts';
import type { Deps } from '../../lib/context.ts';
import { type ExportKey, exportPage } from './repository.ts';

/** Calls per query: big enough to be quick, small enough that memory stays flat at a million calls. */
export const EXPORT_PAGE_SIZE = 5000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Spreadsheets take a CSV file for UTF-8 (and show "Japan–U.S." right) only when it begins with one. */
export const BYTE_ORDER_MARK = '\uFEFF';

/** `readout-calls-2013-02-18.csv`, dated by the server's clock (UTC). */
export function exportFileName(format: ExportFormat, now: number): string {
  return `readout-calls-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

function csvOf(rows: TransferRow[], header: boolean): string {
  return stringify(rows, {
    columns: [...TRANSFER_COLUMNS],
    header,
    ...CSV_DIALECT,
  });
}

/**
 * The export as text chunks, one per page of calls, ending with the closing
 * of the JSON array. The first chunk (the first page) is produced on the
 * first `next()`, so a failing database answers before any byte is sent.
 */
export async function* exportChunks(deps: Deps, query: ExportQuery, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<string> {
  let after: ExportKey | null = null;
  let first = true;
  for (;;) {
    const { calls, last } = await exportPage(deps.db, query, after, pageSize);
    const rows = calls.map(toTransferRow);
    if (query.format === 'csv') {
      if (rows.length > 0 || first) yield `${first ? BYTE_ORDER_MARK : ''}${csvOf(rows, first)}`;
    } else {
      const body = rows.map((row) => JSON.stringify(row)).join(',\n');
      yield `${first ? '[\n' : rows.length > 0 ? ',\n' : ''}${body}`;
    }
    first = false;
    if (!last || calls.length < pageSize) break;
    after = last;
  }
  if (query.format === 'json') yield '\n]\n';
}
