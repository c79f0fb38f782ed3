import type { ImportProblems, Place } from './problems.ts';
import { readCsv } from './read-csv.ts';
import { readJson } from './read-json.ts';

export type ImportFormat = 'csv' | 'json';

/** One data row of an import as read from the file: column → cell (empty cells and nulls left out). */
export interface RawRow {
  place: Place & { row: number; line: number };
  cells: Record<string, unknown>;
}

export interface ReadOptions {
  /** Problems of single rows go here; a problem that ends the reading is thrown. */
  problems: ImportProblems;
  /** The longest row taken: a longer one is refused before it fills memory. */
  maxRowBytes: number;
}

/** Parsers work through what they are given in one go: slices this size keep each step short. */
const SLICE_BYTES = 16 * 1024;

async function* sliced(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.byteLength <= SLICE_BYTES) yield chunk;
    else for (let at = 0; at < chunk.byteLength; at += SLICE_BYTES) yield chunk.subarray(at, at + SLICE_BYTES);
  }
}

/** `text/csv` is CSV; anything else the import takes is JSON. */
export function importFormatOf(contentType: string): ImportFormat {
  return /^\s*text\/csv\b/i.test(contentType) ? 'csv' : 'json';
}

/** The rows of an import file, read as the bytes come. */
export function readRows(chunks: AsyncIterable<Uint8Array>, format: ImportFormat, options: ReadOptions): AsyncGenerator<RawRow> {
  return format === 'csv' ? readCsv(sliced(chunks), options) : readJson(sliced(chunks), options);
}
