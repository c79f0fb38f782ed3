import { CsvError, type Info, parse } from 'csv-parse';
import { REQUIRED_IMPORT_COLUMNS, isTransferColumn } from '#shared/schemas/transfer.ts';
import { unescapeCell } from '#shared/domain/csv.ts';
import { FILE, HEADER, ImportProblems, refusedFor } from './problems.ts';
import type { RawRow, ReadOptions } from './read-rows.ts';

/** What csv-parse says about each record with `info: true`. */
interface ParsedRecord {
  record: string[];
  info: Info;
}

/**
 * The line a spreadsheet shows for a record: the header is line 1, each
 * record one line however many line breaks its cells hold, and a blank line
 * a line of its own.
 */
const lineOf = (info: Pick<Info, 'records' | 'empty_lines'>) => info.records + info.empty_lines;

function csvMessage(error: CsvError, maxRowBytes: number): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'has a quoted cell that is never closed: a " is missing';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'has a " inside a cell; in CSV a cell holding quotes is itself in quotes, each inner " doubled ("")';
    case 'CSV_MAX_RECORD_SIZE':
      return `is longer than ${maxRowBytes} characters; no call needs that much`;
    default:
      return 'is not valid CSV';
  }
}

/** Every column must be known and named once; the required ones must be there. */
function checkColumns(columns: readonly string[]): void {
  const problems = new ImportProblems();
  const seen = new Set<string>();
  for (const [index, column] of columns.entries()) {
    if (column === '') problems.add(HEADER, null, `column ${index + 1} of the header has no name`);
    else if (!isTransferColumn(column)) problems.add(HEADER, column, 'is not a column of the import format');
    else if (seen.has(column)) problems.add(HEADER, column, 'appears more than once in the header');
    seen.add(column);
  }
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(column)) problems.add(HEADER, column, 'is missing from the header');
  }
  if (problems.any) throw problems.refusal();
}

/**
 * The rows of a CSV file (RFC 4180, header row, UTF-8; a byte-order mark is
 * dropped), read chunk by chunk: the parser holds at most one unfinished
 * record, so memory stays flat whatever the file's length. Cells are
 * unescaped as the export escaped them (shared/domain/csv.ts). A row of the wrong
 * length is a problem of its own and not passed on; so is a broken file,
 * which ends the reading.
 */
export async function* readCsv(chunks: AsyncIterable<Uint8Array>, { problems, maxRowBytes }: ReadOptions): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Rows of the wrong length are reported one by one, not as the first failure.
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: maxRowBytes });
  let failure: unknown;
  parser.on('error', (error) => (failure ??= error));
  let columns: string[] | undefined;
  let row = 0;
  let lastLine = 1;
  let sinceRecord = 0;

  const fail = () => {
    if (failure instanceof CsvError) {
      const info = failure as CsvError & Partial<Info>;
      const line = typeof info.records === 'number' ? lineOf({ records: info.records, empty_lines: info.empty_lines ?? 0 }) + 1 : null;
      throw refusedFor({ row: null, line }, null, csvMessage(failure, maxRowBytes));
    }
    throw failure;
  };
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw refusedFor(FILE, null, 'is not UTF-8 text; save it as "CSV UTF-8"');
    }
  };

  /** The rows among the records parsed so far. */
  function* take(records: Iterable<ParsedRecord>): Generator<RawRow> {
    for (const { record, info } of records) {
      sinceRecord = 0;
      lastLine = lineOf(info);
      if (!columns) {
        columns = record.map((name) => name.trim());
        checkColumns(columns);
        continue;
      }
      // A row of empty cells is what spreadsheets write for a blank line.
      if (record.every((cell) => cell === '')) continue;
      row += 1;
      const place = { row, line: lastLine };
      if (record.length !== columns.length) {
        problems.add(place, null, `has ${record.length} cells; the header has ${columns.length}`);
        continue;
      }
      const cells: Record<string, unknown> = {};
      for (const [i, column] of columns.entries()) {
        const value = record[i]!;
        if (value !== '') cells[column] = unescapeCell(value);
      }
      yield { place, cells };
    }
  }
  function* available(): Generator<ParsedRecord> {
    let record: ParsedRecord | null;
    while ((record = parser.read() as ParsedRecord | null) !== null) yield record;
  }

  for await (const chunk of chunks) {
    parser.write(decode(chunk));
    if (failure) fail();
    sinceRecord += chunk.byteLength;
    yield* take(available());
    if (sinceRecord > 2 * maxRowBytes) throw refusedFor({ row: null, line: lastLine + 1 }, null, `is longer than ${maxRowBytes} characters; no call needs that much`);
  }
  parser.end(decode());
  try {
    const rest: ParsedRecord[] = [];
    for await (const record of parser) rest.push(record as ParsedRecord);
    yield* take(rest);
  } catch (error) {
    failure ??= error;
  }
  if (failure) fail();
  if (!columns) throw refusedFor(FILE, null, 'is empty; it must hold a header row and at least one call');
}
