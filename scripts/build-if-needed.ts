/**
 * Builds what a start reuses, when its inputs changed: the web client (dist/web) and the migrated
 * empty database a fresh data directory is copied from (dist/db-template). Runs as `prepare`, so
 * `npm install` leaves a ready checkout. With --install it never fails the install (a start builds
 * the client itself, and a fresh start without the template runs initdb) and it is skipped under
 * CI unless PREBUILD=1, to keep `npm ci` fast there.
 */
import { ensureTemplate } from '../src/db/template';
import { ensureWebClient } from './web-client';

const install = process.argv.includes('--install');

async function run() {
  if (install && process.env.CI && process.env.PREBUILD !== '1') {
    console.log('CI: bỏ qua dựng sẵn / prebuild skipped (PREBUILD=1 to force)');
    return;
  }
  let t = performance.now();
  if (ensureWebClient()) console.log(`web client built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  if (await ensureTemplate()) console.log(`database template built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

try {
  await run();
} catch (err) {
  if (!install) throw err;
  console.warn(`Không dựng sẵn được / prebuild failed, the first start will build instead: ${String(err)}`);
}
