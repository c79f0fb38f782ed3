import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { stream } from 'hono/streaming';
import { IdParam } from '#shared/schemas/common.ts';
import {
  ExportQuery,
  ExportRows,
  ImportJson,
  ImportProblem,
  ImportProgress,
  ImportQuery,
  ImportResult,
  MAX_IMPORT_ERRORS,
  REQUIRED_IMPORT_COLUMNS,
  TRANSFER_COLUMNS,
} from '#shared/schemas/transfer.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { notFound } from '../../lib/errors.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { EXPORT_CONTENT_TYPES, exportChunks, exportFileName } from './export.ts';
import { progressOf } from './progress.ts';
import { importCalls } from './service.ts';

const tags = ['import & export'];

/** Where the import is served: the app's body limit leaves it to its own. */
export const IMPORT_PATH = '/api/import';
const columns = TRANSFER_COLUMNS.join(', ');
const csvText = { schema: { type: 'string' as const, description: `RFC 4180 CSV, UTF-8 (the export begins with a byte-order mark), a header row naming the columns: ${columns}` } };

export const transferRoutes = new Hono<AppEnv>()
  .get(
    '/export',
    describeRoute({
      tags,
      summary: 'Every call (or those matching the filters) as one CSV or JSON file',
      description:
        `One row per call, oldest first (placedAt, then id), columns in this order: ${columns}. ` +
        'CSV: RFC 4180 with a header row, UTF-8 beginning with a byte-order mark (so spreadsheets read it as UTF-8), CRLF line ends, an empty cell for null; ' +
        "a cell that would begin with =, +, -, @, tab or CR (after any quotes) gets a ' in front, so no spreadsheet runs it as a formula, and the import takes it off again. " +
        'JSON: an array of such objects, null for empty, nothing escaped. ' +
        'The filters are those of GET /calls. The file streams, so a large export starts at once and the server holds one page at a time. ' +
        'POST /import takes the same file back.',
      responses: {
        200: {
          description: 'The file, as an attachment named readout-calls-<date>.<format>',
          headers: { 'Content-Disposition': { description: 'attachment; filename="readout-calls-2013-02-18.csv"', schema: { type: 'string' } } },
          content: { 'text/csv': csvText, 'application/json': { schema: resolver(ExportRows) } },
        },
        400: problemDoc('An unknown format or a bad filter'),
        ...authProblems,
      },
    }),
    requireRole('viewer'),
    validate('query', ExportQuery),
    async (c) => {
      const query = c.req.valid('query');
      const deps = c.var.deps;
      const chunks = exportChunks(deps, query);
      // The first page is read before answering, so a failing database still gets a problem+json.
      const first = await chunks.next();
      c.header('Content-Type', EXPORT_CONTENT_TYPES[query.format]);
      c.header('Content-Disposition', `attachment; filename="${exportFileName(query.format, deps.clock.now())}"`);
      c.header('Cache-Control', 'no-store');
      return stream(
        c,
        async (out) => {
          if (first.done) return;
          await out.write(first.value);
          for await (const chunk of chunks) {
            if (out.aborted) break;
            await out.write(chunk);
          }
        },
        async (error) => {
          // The headers are sent: all that is left is to cut the file short and say why in the log.
          console.error('export failed midway; the file was cut short', error);
        },
      );
    },
  )
  .post(
    '/import',
    describeRoute({
      tags,
      summary: 'Add calls from a CSV or JSON file (all or nothing; repeatable)',
      description:
        'The format of GET /export: a CSV file (Content-Type: text/csv, a header row, UTF-8, with or without a byte-order mark) or a JSON array of objects. ' +
        `Required columns: ${REQUIRED_IMPORT_COLUMNS.join(', ')}; the others may be left out or empty (status defaults to awaiting). ` +
        '`responseMs` is ignored; a row\'s `id`, when given, is kept. Ministries are matched by name and country and officials by name and ministry; those not stored yet are added ' +
        "(with the short name, title and time zone the file gives; an official already stored keeps their own). Each row follows the rules of POST /calls. " +
        'Repeatable: a row whose id is stored is skipped when it matches that call and is a problem when it differs; a row without an id that matches a stored call ' +
        '(or an earlier row) on caller, callee, placedAt and topic is skipped as a duplicate. ' +
        'In CSV a cell the export prefixed with a quote against formula injection (one beginning with quotes and then =, +, -, @, tab or CR) loses that one quote. ' +
        'The file streams: it is checked as it arrives, then stored in one transaction; one bad row and nothing is stored, and the 422 lists each problem with its line ' +
        `(the line a spreadsheet shows, the header being line 1) and column, checking stopping at ${MAX_IMPORT_ERRORS} problems. ` +
        'At most IMPORT_MAX_BYTES bytes (1 GiB by default) and IMPORT_MAX_ROWS rows (1,000,000): larger files get 413. Each created ministry, official and call gets a history entry. ' +
        'With dryRun=true the same work is done and rolled back: the answer says what would be created and skipped.',
      requestBody: {
        required: true,
        content: { 'text/csv': csvText, 'application/json': { schema: resolver(ImportJson) } },
      },
      responses: {
        200: jsonDoc('A dry run, or a file whose every row was already stored: nothing was added', ImportResult),
        201: jsonDoc('The calls (and new ministries and officials) were stored; `skipped` counts the rows already stored', ImportResult),
        400: {
          description: 'The body is not JSON (nor text/csv), or the query is not valid; `errors` gives the line where the JSON breaks (ImportProblem)',
          content: { 'application/problem+json': { schema: resolver(ImportProblem) } },
        },
        ...authProblems,
        409: problemDoc('Another request added one of the same ministries, officials or call ids at the same moment; nothing was stored, send it again'),
        413: problemDoc('The file is larger than IMPORT_MAX_BYTES or holds more than IMPORT_MAX_ROWS rows'),
        422: {
          description: 'Nothing was stored: the file is empty, not CSV/UTF-8, has unknown or missing columns, or rows that break the rules; `errors` lists each (ImportProblem)',
          content: { 'application/problem+json': { schema: resolver(ImportProblem) } },
        },
        503: problemDoc('Too many imports are running at once; send it again after Retry-After seconds'),
        507: problemDoc('The server has no room on disk to hold the file while it is imported'),
      },
    }),
    requireRole('analyst'),
    validate('query', ImportQuery),
    async (c) => {
      const { dryRun, progressId } = c.req.valid('query');
      const length = Number(c.req.header('content-length'));
      const result = await importCalls(c.var.deps, currentUser(c), {
        contentType: c.req.header('content-type') ?? '',
        contentLength: Number.isSafeInteger(length) && length >= 0 ? length : null,
        body: c.req.raw.body,
        dryRun,
        progressId,
      });
      return c.json(result, !dryRun && result.created.calls + result.created.ministries + result.created.officials > 0 ? 201 : 200);
    },
  )
  .get(
    '/import/progress/:id',
    describeRoute({
      tags,
      summary: 'How far an import of yours has got',
      description:
        'The import named by the progressId it was sent with: the phase, and bytes and rows done. Kept for a minute after the import ends. ' +
        'Known only to the server process that runs the import (404 elsewhere, or for a name never used).',
      responses: {
        200: jsonDoc('The import’s progress', ImportProgress),
        ...authProblems,
        404: problemDoc('No import of yours by this name is known here'),
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    (c) => {
      const progress = progressOf(currentUser(c).id, c.req.valid('param').id);
      if (!progress) throw notFound(`An import named ${c.req.valid('param').id}`);
      return c.json(progress);
    },
  );
