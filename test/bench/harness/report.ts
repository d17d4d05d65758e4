import { writeFileSync } from 'node:fs';
import { goalText, verdictOf, type MetricResult } from './metric-registry';

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value >= 100 ? value.toFixed(1) : value.toFixed(value >= 1 ? 2 : 4);
}

/** The table: every figure with its unit, its goal and PASS/FAIL (blank: reported only). */
export function printReport(results: readonly MetricResult[], header: string[]): void {
  for (const line of header) console.log(line);
  const width = Math.max('metric'.length, ...results.map((r) => r.metric.length));
  console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(12)}  ${'unit'.padEnd(6)}  ${'goal'.padEnd(8)}  verdict`);
  for (const r of results) {
    console.log(`${r.metric.padEnd(width)}  ${formatValue(r.value).padStart(12)}  ${r.unit.padEnd(6)}  ${goalText(r.goal).padEnd(8)}  ${verdictOf(r)}`);
  }
  const judged = results.filter((r) => r.goal);
  const failed = judged.filter((r) => verdictOf(r) === 'FAIL');
  console.log(`${judged.length - failed.length} of ${judged.length} goals met${failed.length ? `; missed: ${failed.map((r) => r.metric).join(', ')}` : ''}`);
}

/** `--json FILE`: `[{metric, value, unit, goal, verdict}]` (goal: `{comparator, target}` or null). */
export function writeJsonReport(file: string, results: readonly MetricResult[]): void {
  const rows = results.map((r) => ({ ...r, verdict: verdictOf(r) || null }));
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}
