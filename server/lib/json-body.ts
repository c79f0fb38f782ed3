import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { badRequest } from './errors.ts';

// The same test Hono's validator applies to the media type: anything else it
// would not parse, and validate the body as `{}` instead (a PATCH would then
// answer 200 having ignored everything sent).
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A body on a write must be JSON (400 otherwise), except where a route takes
 * another type itself: the import also takes CSV.
 */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
    const mediaType = mediaTypeOf(c.req.header('content-type'));
    const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
    const isImport = c.req.path === '/api/import' && mediaType === 'text/csv';
    if (hasBody && !isImport && !JSON_MEDIA_TYPE.test(mediaType)) {
      throw badRequest('The request body must be JSON (Content-Type: application/json)', [{ path: '', message: 'is not JSON' }]);
    }
  }
  await next();
};
