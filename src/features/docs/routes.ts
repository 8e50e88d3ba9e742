/**
 * The browsable API reference at /api/docs: Swagger UI from the `swagger-ui-dist` package, served by
 * this process (no CDN), reading the document at the stable path /api/openapi.json. The page's
 * script is a file of its own (the content security policy allows no inline scripts); it sends the
 * CSRF token with "Try it out" requests, as the web client does.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { AppError } from '../../lib/errors';

const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đồng Lòng — tài liệu API / API reference</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#api',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  requestInterceptor: function (req) {
    var m = document.cookie.match(/(?:^|; )dl_csrf=([^;]+)/);
    if (m) req.headers['x-csrf-token'] = decodeURIComponent(m[1]);
    return req;
  },
});
`;

export const docsRoutes = new Hono<AppEnv>();

docsRoutes.get('/', (c) => {
  c.header('cache-control', 'no-cache');
  return c.html(PAGE);
});

docsRoutes.get('/init.js', (c) => {
  c.header('content-type', 'text/javascript; charset=utf-8');
  c.header('cache-control', 'no-cache');
  return c.body(INIT);
});

docsRoutes.get('/assets/:file', (c) => {
  const file = c.req.param('file');
  const type = ASSETS[file];
  if (!type) throw new AppError('NOT_FOUND');
  c.header('content-type', type);
  c.header('cache-control', 'public, max-age=86400');
  return c.body(new Uint8Array(fs.readFileSync(path.join(DIST, file))));
});
