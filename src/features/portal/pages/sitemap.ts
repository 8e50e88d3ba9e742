/** The sitemap of every public page and robots.txt, which allows the portal only. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { units } from '../../../db/schema';
import { baseUrl, esc } from '../../../lib/html';
import { catalogue, publicProjects, publishedCommunes } from '../data';
import { unitPath } from './common';

export const sitemapRoutes = new Hono<AppEnv>();

sitemapRoutes.get('/sitemap.xml', async (c) => {
  const deps = c.get('deps');
  const base = baseUrl(deps);
  const [country] = await deps.db.select().from(units).where(eq(units.type, 'country')).limit(1);
  const communes = country ? await publishedCommunes(deps, country.id) : [];
  const urls = [
    '/cong-khai',
    '/cong-khai/san-pham',
    '/cong-khai/du-an',
    '/cong-khai/du-lieu',
    ...communes.map((x) => unitPath(x)),
    ...(await catalogue(deps)).items.map((p) => `/cong-khai/san-pham/${encodeURIComponent(p.code)}`),
    ...(await publicProjects(deps)).map((p) => `/cong-khai/du-an/${encodeURIComponent(p.code)}`),
  ];
  c.header('content-type', 'application/xml; charset=utf-8');
  c.header('cache-control', 'no-cache');
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${esc(base + u)}</loc></url>`).join('')}</urlset>`,
  );
});

sitemapRoutes.get('/robots.txt', (c) =>
  c.text(`User-agent: *\nAllow: /cong-khai\nDisallow: /api/\nDisallow: /\nSitemap: ${baseUrl(c.get('deps'))}/sitemap.xml\n`),
);
