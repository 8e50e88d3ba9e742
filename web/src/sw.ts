/**
 * The service worker: the app opens without a network, and the entry grid shows the last figures it
 * read. Built by Vite as `/sw.js` (root scope); the build writes the list of its files into PRECACHE.
 *
 * - The app shell (index page, built scripts and styles, icons, manifest) is cached at install; built
 *   files are content-hashed, so they are served from the cache first.
 * - The GET answers the entry grid needs (the session, the month's grid with its criteria set, the
 *   months of a unit, the to-do list) are fetched from the network first and kept as a fallback.
 *   Nothing else under /api is touched, and nothing but GET.
 * - Signing out, signing in and any 401 empty the API cache: one person's data never serves another.
 */

/** The few service-worker types used here (the project's TypeScript library is the page's). */
type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(r: Promise<Response> | Response): void };
type Scope = {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
};
const sw = self as unknown as Scope;

const PRECACHE: string[] = ['__DL_PRECACHE__'];
const BUILD = '__DL_BUILD__';
const SHELL_CACHE = `dl-shell-${BUILD}`;
const API_CACHE = 'dl-api';

const API_KEPT = [
  /^\/api\/auth\/session$/,
  /^\/api\/assessments$/,
  /^\/api\/assessments\/\d+$/,
  /^\/api\/me\/(todo|periods)$/,
  /^\/api\/criteria-sets\/\d+$/,
  /^\/api\/units\/\d+$/,
];
/** Pages the server renders itself (the public portal) and files: never answered with the app. */
const NOT_APP = /^\/(api|cong-khai)(\/|$)|^\/(sitemap\.xml|robots\.txt|sw\.js)$/;

sw.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((c) => c.addAll(['/', ...PRECACHE.filter((f) => !f.startsWith('__'))]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('dl-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'clear-api') void caches.delete(API_CACHE);
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  if (req.mode === 'navigate') {
    if (NOT_APP.test(url.pathname)) return;
    e.respondWith(appPage(req));
  } else if (url.pathname.startsWith('/assets/')) {
    e.respondWith(cacheFirst(req));
  } else if (API_KEPT.some((r) => r.test(url.pathname))) {
    e.respondWith(networkFirst(req));
  }
});

/** The single-page app: the network's page when there is one (and it is kept), else the cached one. */
async function appPage(req: Request): Promise<Response> {
  try {
    const res = await fetch(req);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      const copy = res.clone();
      void caches.open(SHELL_CACHE).then((c) => c.put('/', copy));
    }
    return res;
  } catch (err) {
    const cached = await caches.match('/', { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(req: Request): Promise<Response> {
  const cached = await caches.match(req);
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) {
    const copy = res.clone();
    void caches.open(SHELL_CACHE).then((c) => c.put(req, copy));
  }
  return res;
}

async function networkFirst(req: Request): Promise<Response> {
  try {
    const res = await fetch(req);
    if (res.status === 401) {
      await caches.delete(API_CACHE);
    } else if (res.ok) {
      const copy = res.clone();
      await caches.open(API_CACHE).then((c) => c.put(req, copy));
    }
    return res;
  } catch (err) {
    const cached = await caches.match(req, { cacheName: API_CACHE });
    if (!cached) throw err;
    // Marked, so the page knows the server was not reached and says it is offline.
    const headers = new Headers(cached.headers);
    headers.set('x-dl-offline', '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}
