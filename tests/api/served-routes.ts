import type { Hono } from 'hono';

/**
 * The routes an app really serves under /api, once each ("GET /api/calls/:id"),
 * read from Hono's own table: middleware entries (method ALL) and wildcards
 * are left out. Tests that must cover every route walk this list, so a route
 * added later is covered without anyone remembering to.
 */
export function servedRoutes(app: Pick<Hono, 'routes'>): { method: string; path: string; route: string }[] {
  const routes = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'));
  return [...new Set(routes.map((r) => `${r.method} ${r.path}`))].sort().map((route) => {
    const [method, path] = route.split(' ') as [string, string];
    return { method, path, route };
  });
}
