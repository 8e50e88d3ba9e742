/**
 * The public portal at /cong-khai: server-rendered pages (no JavaScript needed), the feedback form
 * post, open-data downloads, sitemap and robots, one module per page under `pages/`. Everything shown
 * comes from `data.ts`, which reads published, verified data only; pages are sent with `no-cache` so
 * unpublishing takes effect at once.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { feedbackPages } from './pages/feedback';
import { homePage } from './pages/home';
import { openDataPages } from './pages/open-data';
import { productPages } from './pages/products';
import { projectPages } from './pages/projects';
import { sitemapRoutes } from './pages/sitemap';
import { unitPage } from './pages/unit';

export const portalRoutes = new Hono<AppEnv>();

portalRoutes.route('/', homePage);
portalRoutes.route('/', unitPage);
portalRoutes.route('/', productPages);
portalRoutes.route('/', projectPages);
portalRoutes.route('/', feedbackPages);
portalRoutes.route('/', openDataPages);
portalRoutes.route('/', sitemapRoutes);
