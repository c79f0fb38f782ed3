import { type ImportError, MAX_IMPORT_ERRORS, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import { AppError } from '../../lib/errors.ts';

/** Where in the file a problem is: the data row (null for the header or the file) and the line a person sees. */
export interface Place {
  row: number | null;
  line: number | null;
}

export const FILE: Place = { row: null, line: null };
export const HEADER: Place = { row: null, line: 1 };

export function importError(place: Place, column: string | null, message: string): ImportError {
  const { row, line } = place;
  const path = row === null ? (column === null ? '' : `columns.${column}`) : `rows.${row}${column === null ? '' : `.${column}`}`;
  return { row, line, column, path, message };
}

/**
 * The problems of one import, collected as the file is read. The list is
 * capped while it grows (never built whole and cut afterwards), and once it
 * is full the import stops reading: a file with hundreds of problems is in
 * the wrong format, and checking the rest would only cost time and memory.
 */
export class ImportProblems {
  readonly list: ImportError[] = [];

  constructor(readonly max = MAX_IMPORT_ERRORS) {}

  get full(): boolean {
    return this.list.length >= this.max;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  add(place: Place, column: string | null, message: string): void {
    if (!this.full) this.list.push(importError(place, column, message));
  }

  /** The answer for a file that cannot be imported: nothing was stored, here is what is wrong. */
  refusal(): AppError {
    return importRefused(this.list.sort(byPlace), this.full);
  }
}

const columnOrder = new Map<string, number>(TRANSFER_COLUMNS.map((column, i) => [column, i]));

/** File-level problems first, then by line, then in the order of the columns (the sort is stable). */
function byPlace(a: ImportError, b: ImportError): number {
  return (a.line ?? 0) - (b.line ?? 0) || (columnOrder.get(a.column ?? '') ?? -1) - (columnOrder.get(b.column ?? '') ?? -1);
}

function describe(e: ImportError): string {
  return `${e.line === null ? '' : `line ${e.line}: `}${e.column ? `${e.column} ` : ''}${e.message}`;
}

export function importRefused(errors: readonly ImportError[], stopped = false): AppError {
  const shown = errors.slice(0, 3).map(describe).join('; ');
  const more = stopped
    ? ` (checking stopped after the first ${errors.length} problems)`
    : errors.length > 3
      ? ` (${errors.length} problems in all)`
      : '';
  return new AppError(422, 'Invalid import', `Nothing was imported: ${shown}${more}`, errors);
}

/** One problem that ends the import at once (the file cannot be read on). */
export function refusedFor(place: Place, column: string | null, message: string): AppError {
  return importRefused([importError(place, column, message)]);
}

export function tooLarge(detail: string): AppError {
  return new AppError(413, 'Payload too large', detail);
}
