import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { stream } from 'hono/streaming';
import { ExportRows, ExportQuery, ImportJson, ImportProblem, ImportResult, REQUIRED_IMPORT_COLUMNS, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { EXPORT_CONTENT_TYPES, exportChunks, exportFileName } from './export.ts';
import { importCalls } from './service.ts';

const tags = ['import & export'];
const columns = TRANSFER_COLUMNS.join(', ');
const csvText = { schema: { type: 'string' as const, description: `RFC 4180 CSV, UTF-8, a header row naming the columns: ${columns}` } };

export const transferRoutes = new Hono<AppEnv>()
  .get(
    '/export',
    describeRoute({
      tags,
      summary: 'Every call (or those matching the filters) as one CSV or JSON file',
      description:
        `One row per call, oldest first (placedAt, then id), columns in this order: ${columns}. ` +
        'CSV: RFC 4180 with a header row, UTF-8, CRLF line ends, an empty cell for null. JSON: an array of such objects, null for empty. ' +
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
      summary: 'Add calls from a CSV or JSON file (all or nothing)',
      description:
        'The format of GET /export: a CSV file (Content-Type: text/csv, a header row, UTF-8, a byte-order mark is fine) or a JSON array of objects. ' +
        `Required columns: ${REQUIRED_IMPORT_COLUMNS.join(', ')}; the others may be left out or empty (status defaults to awaiting). ` +
        '`id` and `responseMs` are ignored. Ministries are matched by name and country and officials by name and ministry; those not stored yet are added ' +
        "(with the short name, title and time zone the file gives; an official already stored keeps their own). Each row follows the rules of POST /calls. " +
        'Every row is checked first: one bad row and nothing is stored; the 422 lists each problem (up to 200) with its row (counting from 1 after the header) and column. ' +
        'The body may be at most 1 MiB (larger: 413); split bigger files. Each created ministry, official and call gets a history entry.',
      requestBody: {
        required: true,
        content: { 'text/csv': csvText, 'application/json': { schema: resolver(ImportJson) } },
      },
      responses: {
        201: jsonDoc('How many calls, and new ministries and officials, were stored', ImportResult),
        400: problemDoc('The body is not JSON (nor text/csv)'),
        ...authProblems,
        409: problemDoc('Another request added one of the same ministries or officials at the same moment; nothing was stored, send it again'),
        413: problemDoc('The body is larger than 1 MiB'),
        422: {
          description: 'Nothing was stored: the file is empty, not CSV/UTF-8, has unknown or missing columns, or rows that break the rules; `errors` lists each (Problem)',
          content: { 'application/problem+json': { schema: resolver(ImportProblem) } },
        },
      },
    }),
    requireRole('analyst'),
    async (c) => {
      const result = await importCalls(c.var.deps, currentUser(c), c.req.header('content-type') ?? '', await c.req.arrayBuffer());
      return c.json(result, 201);
    },
  );
