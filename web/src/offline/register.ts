/** Where the service worker keeps GET answers of the API (see `web/src/sw.ts`). */
const API_CACHE = 'dl-api';

/**
 * Installs the service worker in the built app only: the dev server serves modules the worker must
 * not cache, and a browser without service workers simply works online.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Forgets every API answer kept for offline use: on signing out or in, so one person's data never serves another. */
export async function clearApiCache() {
  navigator.serviceWorker?.controller?.postMessage({ type: 'clear-api' });
  if ('caches' in window) await caches.delete(API_CACHE).catch(() => false);
}
