// What a benchmark figure is (name, unit, goal) and what was measured for it. Every figure the
// bench prints is recorded against a spec from the catalogue (metrics.ts), so its unit and goal
// come from one place; a result carries its goal so that a child process can hand results back.

export type Comparator = '<=' | '>=';

export interface Goal {
  comparator: Comparator;
  target: number;
}

export interface MetricSpec {
  /** As printed and written to JSON: `autosave_p99_ms_1000`. */
  name: string;
  unit: string;
  goal: Goal | null;
}

/** One measured figure: `{metric, value, unit}` as before, plus its goal (null: reported only). */
export interface MetricResult {
  metric: string;
  value: number;
  unit: string;
  goal: Goal | null;
}

export type Verdict = 'PASS' | 'FAIL' | '';

export const atMost = (target: number): Goal => ({ comparator: '<=', target });
export const atLeast = (target: number): Goal => ({ comparator: '>=', target });

/** A figure without a scale: `empty_page_fcp_ms`. */
export function single(name: string, unit: string, goal: Goal | null = null): MetricSpec {
  return { name, unit, goal };
}

/**
 * A figure measured at a scale (`1000`, `10000`, `1000x7`, `300x7_secrets`): `name_<scale>`. The
 * goal may depend on the scale (the list's render may take a little longer at 10,000 than at 1,000).
 */
export function family(base: string, unit: string, goal: Goal | null | ((scale: string) => Goal | null) = null): (scale: string | number) => MetricSpec {
  return (scale) => ({ name: `${base}_${scale}`, unit, goal: typeof goal === 'function' ? goal(String(scale)) : goal });
}

export function verdictOf(result: MetricResult): Verdict {
  if (!result.goal || !Number.isFinite(result.value)) return result.goal ? 'FAIL' : '';
  const { comparator, target } = result.goal;
  return (comparator === '<=' ? result.value <= target : result.value >= target) ? 'PASS' : 'FAIL';
}

export function goalText(goal: Goal | null): string {
  return goal ? `${goal.comparator === '<=' ? '≤' : '≥'} ${goal.target}` : '';
}

/** The results of one run (or one child process), in the order they were recorded. */
export class MetricResults {
  private readonly list: MetricResult[] = [];

  record(spec: MetricSpec, value: number): MetricResult {
    const result = { metric: spec.name, value, unit: spec.unit, goal: spec.goal };
    this.list.push(result);
    return result;
  }

  add(results: readonly MetricResult[]): void {
    this.list.push(...results);
  }

  value(spec: MetricSpec): number | undefined {
    return this.list.find((result) => result.metric === spec.name)?.value;
  }

  all(): readonly MetricResult[] {
    return this.list;
  }
}
