/**
 * `npm start`: rebuilds the web client only when its sources changed since the last build (usually
 * done at install), then runs the server in this same process (one Node start instead of two).
 */
import { ensureWebClient } from './web-client';

ensureWebClient();
await import('../src/main');
