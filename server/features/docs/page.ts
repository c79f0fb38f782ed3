import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';

/**
 * A readable page for the OpenAPI document, built in the browser from
 * /api/openapi.json by a small inline script: no external viewer, nothing
 * fetched from outside (Readout runs air-gapped). The page's own
 * Content-Security-Policy admits exactly its inline script and style by
 * their hashes, so it needs no 'unsafe-inline'.
 */
export function docsPage(c: Context) {
  c.header('Content-Security-Policy', docsPolicy);
  return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Readout API</title>
<style>${raw(style)}</style>
</head>
<body>
<h1>Readout API</h1>
<p class="lead">Every route, generated from the schemas the server validates with. Raw document: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<main id="routes">Loading…</main>
<script>${raw(clientScript)}</script>
</body>
</html>`);
}

const style = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1c2430; }
  h1 { margin-bottom: 0; } .lead { color: #566; }
  details { border: 1px solid #d5dbe3; border-radius: 6px; margin: .5rem 0; }
  summary { cursor: pointer; padding: .5rem .75rem; font-family: ui-monospace, monospace; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
  .get { color: #1f6f43; } .post { color: #8a5a00; } .patch { color: #2b5fad; } .delete { color: #a12a2a; }
  .body { padding: 0 .75rem .75rem; } pre { background: #f3f5f8; padding: .5rem; overflow: auto; font-size: 13px; }
  @media (prefers-color-scheme: dark) { body { background: #12161c; color: #dde3ea; } pre { background: #1d232b; } details { border-color: #333c47; } }
`;

const clientScript = `
(async () => {
  const main = document.getElementById('routes');
  const doc = await (await fetch('/api/openapi.json')).json();
  main.textContent = '';
  const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
  const show = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const d = document.createElement('details');
      let body = '<div class="body"><p>' + esc(op.summary ?? '') + (op.description ? '<br>' + esc(op.description) : '') + '</p>';
      if (op.parameters?.length) body += '<h4>Parameters</h4>' + show(op.parameters.map((p) => ({ in: p.in, name: p.name, required: !!p.required, schema: p.schema, description: p.description })));
      if (op.requestBody) body += '<h4>Request body</h4>' + show(op.requestBody.content);
      body += '<h4>Responses</h4>' + show(op.responses) + '</div>';
      d.innerHTML = '<summary><span class="method ' + esc(method) + '">' + esc(method.toUpperCase()) + '</span>' + esc('/api' + path) + '</summary>' + body;
      main.append(d);
    }
  }
  if (doc.components?.schemas) {
    const d = document.createElement('details');
    d.innerHTML = '<summary>Schemas</summary><div class="body">' + show(doc.components.schemas) + '</div>';
    main.append(d);
  }
})();
`;

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const docsPolicy = [
  "default-src 'self'",
  `script-src ${hashOf(clientScript)}`,
  `style-src ${hashOf(style)}`,
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
