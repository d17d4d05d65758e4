// The Ctrl+K switcher's fuzzy search: the pure shared function over realistic tenant lists, with
// the queries people type (prefixes as a name is typed, initials, a tag, a host fragment, a typo).
import { createTenantSearchIndex, searchTenantIndex, type SearchableTenant } from '../../../shared/logic/fuzzy-tenant-search';
import { tenantName } from '../bench-data';
import type { BenchPlan } from '../harness/bench-plan';
import type { MetricResults } from '../harness/metric-registry';
import { percentile, timeSync } from '../harness/stats';
import { METRICS } from '../metrics';

const CITIES = ['jakarta', 'surabaya', 'bandung', 'medan', 'semarang', 'makassar', 'denpasar', 'yogyakarta'];
const SEGMENTS = ['vip', 'retail', 'klinik', 'f&b', 'pilot', 'enterprise'];

/** Tenants as the switcher holds them: names like the bench's, one to three tags, a backend host each. */
export function switcherTenants(count: number): SearchableTenant[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    name: tenantName(i),
    tags: [CITIES[i % CITIES.length]!, ...(i % 3 === 0 ? [SEGMENTS[i % SEGMENTS.length]!] : []), ...(i % 7 === 0 ? ['q' + (1 + (i % 4))] : [])],
    backendUrl: `https://chat-${i + 1}.tenants.example/api/open/v1`,
  }));
}

/** `rounds` tenants picked by a fixed sequence, 13 queries each. */
function queriesFor(tenants: SearchableTenant[], rounds: number): string[] {
  const queries: string[] = [];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let s = 0; s < rounds; s++) {
    const tenant = tenants[next() % tenants.length]!;
    const words = tenant.name.toLowerCase().split(' ');
    for (let n = 1; n <= Math.min(8, tenant.name.length); n++) queries.push(tenant.name.slice(0, n).toLowerCase());
    queries.push(words.map((w) => w[0]).join(''));
    queries.push(`${words[1]} ${words[words.length - 1]}`);
    queries.push(words[1]!.replace(/[aeiou]/g, ''));
    queries.push(tenant.tags![0]!);
    queries.push(`chat-${words[words.length - 1]}`);
  }
  return queries;
}

function benchSwitcherAt(count: number, rounds: number, results: MetricResults): void {
  const tenants = switcherTenants(count);
  let index = createTenantSearchIndex(tenants);
  const indexMs = timeSync(() => (index = createTenantSearchIndex(tenants)));
  const queries = queriesFor(tenants, rounds);
  for (const query of queries.slice(0, 50)) searchTenantIndex(index, query); // warm-up
  const timings = queries.map((query) => timeSync(() => searchTenantIndex(index, query, { limit: 50 })));
  results.record(METRICS.switcherQueryP50(count), percentile(timings, 50));
  results.record(METRICS.switcherQueryP99(count), percentile(timings, 99));
  results.record(METRICS.switcherIndexBuild(count), indexMs);
}

export function benchSwitcher(plan: BenchPlan, results: MetricResults): void {
  for (const count of plan.switcher.counts) benchSwitcherAt(count, plan.switcher.queryRounds, results);
}
