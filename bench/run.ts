/** `npm run bench`: runs every benchmark and prints its figures and ratios. */
import { benchCriteriaEngine } from './criteria-engine';
import { benchPortalPages } from './portal-pages';

const benches = [benchCriteriaEngine, benchPortalPages];
for (const bench of benches) {
  const result = await bench();
  console.log(`\n▶ ${result.name}`);
  for (const line of result.lines) console.log(`  ${line}`);
}
