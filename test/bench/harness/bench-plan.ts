// How much each area measures: the full run (under ten minutes on 2 cores) and `--quick` (under a
// minute, for development: smaller counts and fewer samples; its figures are named after the
// counts it used, and the goals of the full sizes are shown beside them for orientation).

export interface PublishRun {
  tenants: number;
  connections: number;
  /** Each connection with a header value in the keychain. */
  secrets: boolean;
}

/** Publishing under a per-credential rate limit: `tenants` × `connections` creations on one Mekari credential. */
export interface PacedPublishRun {
  tenants: number;
  connections: number;
  requestsPerMinute: number;
}

export interface BenchPlan {
  quick: boolean;
  store: {
    counts: number[];
    autosaveSamples: number;
    autosaveWarmup: number;
    /** Tenants whose workspace load is timed (spread over the store), at most. */
    loadSamples: number;
    coldOpens: number;
    /** conf's samples per count; counts not listed are not compared with conf (it rewrites the whole file per edit). */
    confSamples: Record<number, number>;
  };
  publish: PublishRun[];
  /** null: not in this run. */
  pacedPublish: PacedPublishRun | null;
  transfer: { tenants: number; connections: number; previews: number; jsonParses: number };
  switcher: { counts: number[]; queryRounds: number };
  apply: { targets: number };
  renderer: {
    /** The list's render and the cold start are measured at `base`; the list's render again at `large`. */
    base: number;
    large: number | null;
    warmups: number;
    loads: number;
  };
}

const FULL: BenchPlan = {
  quick: false,
  store: { counts: [10, 1000, 10_000], autosaveSamples: 5000, autosaveWarmup: 500, loadSamples: 2000, coldOpens: 5, confSamples: { 10: 200, 1000: 40 } },
  publish: [
    { tenants: 1000, connections: 5, secrets: false },
    // GNOME Keyring's writes slow down as it grows: 1,000 tenants' 5,000 values would take about ten minutes to store.
    { tenants: 300, connections: 5, secrets: true },
  ],
  // 400 requests at 600 a minute: about 40 s.
  pacedPublish: { tenants: 200, connections: 2, requestsPerMinute: 600 },
  transfer: { tenants: 10_000, connections: 6, previews: 5, jsonParses: 5 },
  switcher: { counts: [1000, 10_000], queryRounds: 60 },
  apply: { targets: 500 },
  renderer: { base: 1000, large: 10_000, warmups: 2, loads: 9 },
};

const QUICK: BenchPlan = {
  quick: true,
  store: { counts: [10, 1000], autosaveSamples: 1000, autosaveWarmup: 100, loadSamples: 200, coldOpens: 3, confSamples: { 10: 50, 1000: 10 } },
  publish: [
    { tenants: 50, connections: 5, secrets: false },
    { tenants: 20, connections: 5, secrets: true },
  ],
  // Not in the quick run: its child process, keyring session and sandbox alone take 5–10 s here.
  pacedPublish: null,
  transfer: { tenants: 1000, connections: 6, previews: 1, jsonParses: 3 },
  switcher: { counts: [1000, 10_000], queryRounds: 15 },
  apply: { targets: 500 },
  renderer: { base: 1000, large: null, warmups: 1, loads: 3 },
};

export function benchPlan(quick: boolean): BenchPlan {
  return quick ? QUICK : FULL;
}

/** `1000x7`, `300x7_secrets`: tenants × documents per tenant. */
export function publishScale(run: PublishRun): string {
  return `${run.tenants}x${2 + run.connections}${run.secrets ? '_secrets' : ''}`;
}

/** `200x2_600rpm`: tenants × creations per tenant, at the credential's limit. */
export function pacedPublishScale(run: PacedPublishRun): string {
  return `${run.tenants}x${run.connections}_${run.requestsPerMinute}rpm`;
}
