/**
 * `npm run bench`: runs every benchmark and prints its figures and ratios. Select some with
 * `npm run bench -- criteria whatif start portal dashboards coldviews imports soak`; sizes and durations are in each file
 * (BENCH_SCALE_SIZES, BENCH_LOAD_SECONDS, BENCH_SOAK_SECONDS, …).
 */
import { benchColdViews } from './cold-views';
import { benchCriteriaEngine } from './criteria-engine';
import { benchDashboardLoad } from './dashboard-load';
import { benchImportsAndPacks } from './imports-packs';
import { benchPortalPages } from './portal-pages';
import { benchSoak } from './soak';
import { benchStart } from './start';
import { benchWhatIf } from './what-if';

const all = {
  criteria: benchCriteriaEngine,
  whatif: benchWhatIf,
  start: benchStart,
  portal: benchPortalPages,
  imports: benchImportsAndPacks,
  dashboards: benchDashboardLoad,
  coldviews: benchColdViews,
  soak: benchSoak,
};
const wanted = process.argv.slice(2).filter((a) => a in all) as (keyof typeof all)[];
for (const key of wanted.length ? wanted : (Object.keys(all) as (keyof typeof all)[])) {
  const result = await all[key]();
  console.log(`\n▶ ${result.name}`);
  for (const line of result.lines) console.log(`  ${line}`);
}
