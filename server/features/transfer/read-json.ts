import { type ParsedElementInfo, type ParsedTokenInfo, TokenParser, TokenType, Tokenizer } from '@streamparser/json';
import { isTransferColumn } from '#shared/schemas/transfer.ts';
import { AppError } from '../../lib/errors.ts';
import { FILE, importError, refusedFor } from './problems.ts';
import type { RawRow, ReadOptions } from './read-rows.ts';

const NEWLINE = 0x0a;
const VALUE_STARTS = new Set<TokenType>([TokenType.LEFT_BRACE, TokenType.LEFT_BRACKET, TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

/**
 * Counts the lines of the bytes fed so far, to tell where an item begins.
 * Tokens come in the order of the bytes, so one forward scan serves them all.
 */
class LineCounter {
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkStart = 0;
  private scanned = 0;
  private newlines = 0;

  feed(chunk: Uint8Array): void {
    this.finishChunk();
    this.chunkStart += this.chunk.byteLength;
    this.chunk = chunk;
  }

  /** The 1-based line of a byte offset in the chunk being fed (or the line reached, for an earlier one). */
  lineAt(offset: number): number {
    const end = Math.min(offset - this.chunkStart, this.chunk.byteLength);
    for (; this.scanned < end; this.scanned++) if (this.chunk[this.scanned] === NEWLINE) this.newlines++;
    return this.newlines + 1;
  }

  private finishChunk(): void {
    this.lineAt(this.chunkStart + this.chunk.byteLength);
    this.scanned = 0;
  }
}

function notJson(line: number): AppError {
  const problem = importError({ row: null, line }, null, 'is not valid JSON here');
  return new AppError(400, 'Bad request', `The request body is not valid JSON: line ${line} is where it breaks`, [problem]);
}

/**
 * The rows of a JSON import: one array of objects, read chunk by chunk with
 * a streaming parser that keeps only the item being read (keepStack: false),
 * so memory stays flat whatever the file's length. Each row's line is the
 * text line where its item begins (the export writes one item per line).
 */
export async function* readJson(chunks: AsyncIterable<Uint8Array>, { problems, maxRowBytes }: ReadOptions): AsyncGenerator<RawRow> {
  const validUtf8 = new TextDecoder('utf-8', { fatal: true });
  const lines = new LineCounter();
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  let depth = 0;
  let started = false;
  let itemLine = 1;
  let row = 0;
  let sinceItem = 0;
  const ready: RawRow[] = [];

  tokenizer.onToken = (info: ParsedTokenInfo) => {
    if (!started) {
      started = true;
      if (info.token !== TokenType.LEFT_BRACKET) throw refusedFor(FILE, null, 'must be a JSON array of calls (or a CSV file sent as text/csv)');
    }
    if (depth === 1 && VALUE_STARTS.has(info.token)) itemLine = lines.lineAt(info.offset);
    if (info.token === TokenType.LEFT_BRACE || info.token === TokenType.LEFT_BRACKET) depth++;
    else if (info.token === TokenType.RIGHT_BRACE || info.token === TokenType.RIGHT_BRACKET) depth--;
    parser.write(info);
  };
  parser.onValue = ({ value }: ParsedElementInfo) => {
    sinceItem = 0;
    row += 1;
    const place = { row, line: itemLine };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(place, null, 'must be an object with the columns as fields');
      return;
    }
    const cells: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(value)) {
      if (!isTransferColumn(column)) problems.add(place, column, 'is not a column of the import format');
      else if (cell !== null && cell !== '') cells[column] = cell;
    }
    ready.push({ place, cells });
  };

  const write = (feed: () => void) => {
    try {
      feed();
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The tokenizer names the byte where the text stops being JSON.
      const at = /absolute position "(\d+)"/.exec(error instanceof Error ? error.message : '');
      throw notJson(lines.lineAt(at ? Number(at[1]) : Number.POSITIVE_INFINITY));
    }
  };

  for await (const chunk of chunks) {
    try {
      validUtf8.decode(chunk, { stream: true });
    } catch {
      throw refusedFor(FILE, null, 'is not UTF-8 text');
    }
    lines.feed(chunk);
    write(() => tokenizer.write(chunk));
    sinceItem += chunk.byteLength;
    yield* ready.splice(0);
    if (sinceItem > 2 * maxRowBytes) throw refusedFor({ row: null, line: itemLine }, null, `holds an item longer than ${maxRowBytes} bytes; no call needs that much`);
  }
  try {
    validUtf8.decode();
  } catch {
    throw refusedFor(FILE, null, 'is not UTF-8 text');
  }
  write(() => tokenizer.end());
  yield* ready.splice(0);
  if (!started) throw refusedFor(FILE, null, 'is empty; it must hold a JSON array of calls');
  if (!parser.isEnded) throw notJson(lines.lineAt(Number.POSITIVE_INFINITY));
}
