import { CsvError, parse } from 'csv-parse/sync';
import { type ImportError, MAX_IMPORT_ERRORS, REQUIRED_IMPORT_COLUMNS, isTransferColumn } from '#shared/schemas/transfer.ts';
import { AppError, badRequest } from '../../lib/errors.ts';

/** One data row of an import as read from the file: column → cell (empty cells and nulls left out). */
export interface RawRow {
  /** 1-based data row number (the header is not counted). */
  row: number;
  cells: Record<string, unknown>;
}

export function importError(row: number | null, column: string | null, message: string): ImportError {
  const path = row === null ? (column === null ? '' : `columns.${column}`) : `rows.${row}${column === null ? '' : `.${column}`}`;
  return { row, column, path, message };
}

/** The one answer for a file that cannot be imported: nothing was stored, here is everything wrong. */
export function importRefused(errors: ImportError[], total = errors.length): AppError {
  const listed = errors.slice(0, MAX_IMPORT_ERRORS);
  const shown = listed
    .slice(0, 3)
    .map((e) => `${e.row === null ? '' : `row ${e.row}: `}${e.column ? `${e.column} ` : ''}${e.message}`)
    .join('; ');
  const more = total > 3 ? ` (${total} problems in all${total > listed.length ? `, the first ${listed.length} listed` : ''})` : '';
  return new AppError(422, 'Invalid import', `Nothing was imported: ${shown}${more}`, listed);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the request body into rows, by its content type: `text/csv` (RFC 4180,
 * header row) or JSON (an array of objects). A byte-order mark is dropped
 * (spreadsheets write one). Problems with the columns themselves end the
 * import here; problems in the cells are the service's to collect.
 */
export function readImportBody(contentType: string, bytes: ArrayBuffer): RawRow[] {
  let text: string;
  try {
    // TextDecoder drops a leading BOM unless told otherwise.
    text = utf8.decode(bytes);
  } catch {
    throw importRefused([importError(null, null, 'is not UTF-8 text')]);
  }
  if (text.trim() === '') throw importRefused([importError(null, null, 'is empty; it must hold a header row and at least one call')]);
  const rows = /^text\/csv\b/i.test(contentType) ? readCsv(text) : readJson(text);
  if (rows.length === 0) throw importRefused([importError(null, null, 'holds no calls')]);
  return rows;
}

function readCsv(text: string): RawRow[] {
  let records: string[][];
  try {
    // Rows of the wrong length are reported below, all of them, not just the first.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const parsed = (error as CsvError & { records?: number }).records;
    // `records` counts the records read before the broken one, the header among them.
    const row = typeof parsed === 'number' && parsed > 0 ? parsed : null;
    throw importRefused([importError(row, null, `is not valid CSV: ${error.message}`)]);
  }
  const [header, ...data] = records;
  if (!header) return [];
  const columns = header.map((name) => name.trim());
  checkColumns(columns);

  const errors: ImportError[] = [];
  const rows: RawRow[] = [];
  data.forEach((record, index) => {
    const row = index + 1;
    if (record.length !== columns.length) {
      errors.push(importError(row, null, `has ${record.length} cells; the header has ${columns.length}`));
      return;
    }
    const cells: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = record[i]!;
      if (value !== '') cells[column] = value;
    });
    rows.push({ row, cells });
  });
  if (errors.length > 0) throw importRefused(errors);
  return rows;
}

function readJson(text: string): RawRow[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON', [{ path: '', message: 'is not JSON' }]);
  }
  if (!Array.isArray(body)) throw importRefused([importError(null, null, 'must be a JSON array of calls (or a CSV file sent as text/csv)')]);
  const errors: ImportError[] = [];
  const rows: RawRow[] = [];
  body.forEach((item: unknown, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push(importError(row, null, 'must be an object with the columns as fields'));
      return;
    }
    const cells: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(item)) {
      if (!isTransferColumn(column)) errors.push(importError(row, column, 'is not a column of the import format'));
      else if (value !== null && value !== '') cells[column] = value;
    }
    rows.push({ row, cells });
  });
  if (errors.length > 0) throw importRefused(errors);
  return rows;
}

/** Every column must be known and named once; the required ones must be there. */
function checkColumns(columns: string[]): void {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const [index, column] of columns.entries()) {
    if (column === '') errors.push(importError(null, null, `column ${index + 1} of the header has no name`));
    else if (!isTransferColumn(column)) errors.push(importError(null, column, 'is not a column of the import format'));
    else if (seen.has(column)) errors.push(importError(null, column, 'appears more than once in the header'));
    seen.add(column);
  }
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(column)) errors.push(importError(null, column, 'is missing from the header'));
  }
  if (errors.length > 0) throw importRefused(errors);
}
