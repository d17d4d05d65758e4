// npm run bench [-- --quick] [-- --json FILE] [-- --only AREA[,AREA]]: measures through the real
// parts and prints every figure with its goal and PASS/FAIL. Areas (test/bench/areas/): store
// (autosave, workspace load, cold open, conf as baseline), publish (sync against the sandbox, a
// plain HTTP client as baseline, the keychain alone), paced (publishing under a Qontak
// credential's rate limit: the ideal time at the rate ÷ the measured time), transfer (the import preview in the host,
// JSON.parse as baseline), switcher and apply (tenants at scale), renderer (Chromium against the
// host, an empty page's first paint as baseline). Not a timed test: it reports.
import { loadavg } from 'node:os';
import { benchApply } from './areas/apply-bench';
import { benchPacedPublish } from './areas/paced-publish-bench';
import { benchPublish } from './areas/publish-bench';
import { benchRenderer } from './areas/renderer-bench';
import { benchStore } from './areas/store-bench';
import { benchSwitcher } from './areas/switcher-bench';
import { benchTransfer } from './areas/transfer-bench';
import { benchPlan, type BenchPlan } from './harness/bench-plan';
import { MetricResults } from './harness/metric-registry';
import { printReport, writeJsonReport } from './harness/report';
import { SeededStores } from './harness/seeded-stores';
import { METRICS } from './metrics';

type Area = (plan: BenchPlan, stores: SeededStores, results: MetricResults) => void | Promise<void>;

const AREAS: Record<string, Area> = {
  store: benchStore,
  switcher: (plan, _stores, results) => benchSwitcher(plan, results),
  apply: benchApply,
  transfer: benchTransfer,
  publish: (plan, _stores, results) => benchPublish(plan, results),
  paced: (plan, _stores, results) => benchPacedPublish(plan, results),
  renderer: benchRenderer,
};

interface Options {
  quick: boolean;
  json: string | null;
  only: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false, json: null, only: Object.keys(AREAS) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--json' || arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === '--json') options.json = value;
      else options.only = value.split(',');
    } else throw new Error(`unknown option ${arg} (use --quick, --json FILE, --only ${Object.keys(AREAS).join(',')})`);
  }
  const unknown = options.only.filter((area) => !(area in AREAS));
  if (unknown.length) throw new Error(`unknown area ${unknown.join(', ')} (areas: ${Object.keys(AREAS).join(', ')})`);
  return options;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const plan = benchPlan(options.quick);
  const started = performance.now();
  const loadBefore = load();
  const results = new MetricResults();
  const stores = new SeededStores();
  const failedAreas: string[] = [];
  try {
    for (const name of options.only) {
      const areaStarted = performance.now();
      try {
        await AREAS[name]!(plan, stores, results);
      } catch (error) {
        // One area's failure must not cost the others' figures: say so, go on, and fail at the end.
        failedAreas.push(name);
        console.error(`bench: ${name} failed:`, error);
      }
      console.error(`bench: ${name} done in ${((performance.now() - areaStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    stores.dispose();
  }
  if (options.only.length === Object.keys(AREAS).length && failedAreas.length === 0) results.record(METRICS.totalS(options.quick), (performance.now() - started) / 1000);
  printReport(results.all(), [
    options.quick
      ? 'QUICK run: reduced counts and fewer samples (figures are named after the counts used); the goals shown are those of the full run.'
      : 'Full run.',
    `load average (1, 5, 15 min) at start: ${loadBefore}; at end: ${load()}`,
  ]);
  if (options.json) writeJsonReport(options.json, results.all());
  if (failedAreas.length) {
    console.error(`bench: these areas failed and are missing from the table: ${failedAreas.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
