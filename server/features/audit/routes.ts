import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { stream } from 'hono/streaming';
import { AUDIT_EXPORT_COLUMNS, AuditExportQuery, AuditList, AuditQuery, AuditVerification } from '#shared/schemas/audit.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { toIso } from '../../lib/time.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { byUser, exportAudit, listAudit, recordAudit, verifyAudit } from './service.ts';

const tags = ['audit'];

export const auditRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'The audit log, newest first (admin)',
      description:
        'Security events: logins and failed logins, lockouts, logouts, permission denials, two-factor changes, session and token creation and revocation, user changes, exports and imports. ' +
        'Entries are never changed or deleted through the API; each `hash` chains it to the entry before (SHA-256). `AUDIT_RETENTION_DAYS` decides how long they are kept.',
      responses: { 200: jsonDoc('One page of entries', AuditList), 400: problemDoc('A bad filter, limit or cursor'), ...authProblems },
    }),
    requireRole('admin'),
    validate('query', AuditQuery),
    async (c) => c.json(await listAudit(c.var.deps, c.req.valid('query'))),
  )
  .get(
    '/verify',
    describeRoute({
      tags,
      summary: 'Check the audit log’s hash chain (admin)',
      description: 'Recomputes every kept entry’s hash: an entry changed, inserted or removed behind the application’s back shows in `problems`.',
      responses: { 200: jsonDoc('The result of the check', AuditVerification), ...authProblems },
    }),
    requireRole('admin'),
    async (c) => c.json(await verifyAudit(c.var.deps)),
  )
  .get(
    '/export',
    describeRoute({
      tags,
      summary: 'The matching audit entries as one CSV or JSON file, oldest first (admin)',
      description: `Filters as for GET /audit. CSV columns: ${AUDIT_EXPORT_COLUMNS.join(', ')} (UTF-8 with a byte-order mark; \`detail\` as JSON; a cell that would start a spreadsheet formula gets a leading \`'\`). The export itself is recorded in the log.`,
      responses: {
        200: {
          description: 'The file, as an attachment',
          content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } } } },
        },
        400: problemDoc('A bad filter or format'),
        ...authProblems,
      },
    }),
    requireRole('admin'),
    validate('query', AuditExportQuery),
    async (c) => {
      const query = c.req.valid('query');
      const deps = c.var.deps;
      await recordAudit(deps, { type: 'audit.exported', ...byUser(currentUser(c)), detail: { ...query } });
      const chunks = exportAudit(deps, query);
      const first = await chunks.next();
      const date = toIso(deps.clock.now()).slice(0, 10);
      c.header('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json');
      c.header('Content-Disposition', `attachment; filename="readout-audit-${date}.${query.format}"`);
      return stream(
        c,
        async (out) => {
          if (!first.done) await out.write(first.value);
          for await (const chunk of chunks) {
            if (out.aborted) break;
            await out.write(chunk);
          }
        },
        async (error) => console.error('audit export failed midway; the file was cut short', error),
      );
    },
  );
