// The catalogue of the bench's figures: name, unit and goal of each, in one place. Goals are ratios
// against a baseline measured in the same run wherever the figure is a time that moves with the
// machine (an empty page's first paint, a plain HTTP client, JSON.parse of the same file); the
// store's and the switcher's figures keep absolute goals (they are far from them).
import { atLeast, atMost, family, single, type Goal } from './harness/metric-registry';

/** The tenant count from which the list's render may take 1.2× an empty page's first paint instead of 1×. */
const LARGE_LIST = 10_000;
/**
 * The store's goals are set for 1,000 and 10,000 tenants. At 10 tenants the figures are reported
 * only: 10 workspace loads make a p99 that is just the first, cold one.
 */
const fromThousand = (goal: Goal) => (scale: string) => (Number(scale) >= 1000 ? goal : null);

export const METRICS = {
  // store (store-bench.ts): the core's router on a real SQLite file
  autosaveP50: family('autosave_p50_ms', 'ms'),
  autosaveP99: family('autosave_p99_ms', 'ms', fromThousand(atMost(1))),
  autosaveMax: family('autosave_max_ms', 'ms'),
  tenantLoadP50: family('tenant_load_p50_ms', 'ms'),
  tenantLoadP99: family('tenant_load_p99_ms', 'ms', fromThousand(atMost(5))),
  coldOpen: family('cold_open_ms', 'ms'),
  seed: family('seed_ms', 'ms'),
  storeFile: family('store_file_kb', 'KiB'),
  confAutosaveP50: family('conf_autosave_p50_ms', 'ms'),
  autosaveVsConf: family('autosave_vs_conf_ratio', 'x', fromThousand(atLeast(300))),
  confFile: family('conf_file_kb', 'KiB'),

  // publish (publish-bench.ts): the sync engine against the sandbox, and a plain HTTP client
  publishDocsPerS: family('publish_docs_per_s', 'docs/s'),
  rawDocsPerS: family('publish_raw_docs_per_s', 'docs/s'),
  publishVsRaw: family('publish_vs_raw_ratio', 'x', (scale) => atMost(scale.endsWith('_secrets') ? 2 : 1.5)),
  publishS: family('publish_s', 's'),
  rawS: family('publish_raw_s', 's'),
  publishSetupS: family('publish_setup_s', 's'),
  /** The keychain entries of the same secrets (each tenant's sets entry) read straight through keytar, one after another. */
  keychainSerialS: family('keychain_reads_serial_s', 's'),
  /** The same reads, 8 at a time: whether the keychain serves reads in parallel. */
  keychainParallelS: family('keychain_reads_parallel_s', 's'),
  /** One findCredentials for the whole service: every value in a single call. */
  keychainFindAllMs: family('keychain_find_all_ms', 'ms'),
  /** Serial keychain reads ÷ the plain client's time: above the publish goal, the keychain alone is the bound. */
  keychainVsRaw: family('keychain_serial_vs_raw_ratio', 'x'),
  /** CPU seconds used during the timed publish: the app's process, the sandbox's, and the keychain's daemons (GNOME Keyring and its D-Bus). */
  publishCpuAppS: family('publish_cpu_app_s', 's'),
  publishCpuSandboxS: family('publish_cpu_sandbox_s', 's'),
  publishCpuKeychainS: family('publish_cpu_keychain_s', 's'),
  /** Those CPU seconds ÷ the publish's time: how many of the machine's cores the publish kept busy. */
  publishCoresBusy: family('publish_cores_busy', 'cores'),
  /** The plain client's CPU seconds (its process) for the same requests, and the cores its run kept busy (with the sandbox's). */
  rawCpuClientS: family('publish_raw_cpu_client_s', 's'),
  rawCoresBusy: family('publish_raw_cores_busy', 'cores'),
  /**
   * CPU seconds of the keychain reads alone, 8 at a time: in this process (keytar's calls) and in the keychain's daemons;
   * and all of it spread over every core of the machine ÷ the plain client's time, the least the keychain adds to the publish's ratio.
   */
  keychainCpuClientS: family('keychain_cpu_client_s', 's'),
  keychainCpuDaemonsS: family('keychain_cpu_daemons_s', 's'),
  keychainCpuFloorVsRaw: family('keychain_cpu_floor_vs_raw_ratio', 'x'),
  /**
   * The plain client's run's CPU (its process and the sandbox's) plus the keychain reads' CPU, spread over every core, ÷ the plain
   * client's time: the ratio a publish would reach if it did nothing beyond the plain client's work and the keychain's reads.
   */
  publishSecretsFloorVsRaw: family('publish_secrets_floor_vs_raw_ratio', 'x'),

  // paced publish (paced-publish-bench.ts): a Qontak credential's requests under its rate limit
  /** The ideal time at the credential's rate (requests ÷ rate) ÷ the measured time. */
  pacedPublishEfficiency: family('paced_publish_efficiency', 'x', atLeast(0.9)),
  /** Requests the sandbox refused with 429 during the timed publish: the pacing must keep under the limit. */
  pacedPublishRateLimited: family('paced_publish_rate_limited', 'requests', atMost(0)),
  pacedPublishS: family('paced_publish_s', 's'),
  pacedPublishIdealS: family('paced_publish_ideal_s', 's'),
  pacedPublishSetupS: family('paced_publish_setup_s', 's'),

  // transfer (transfer-bench.ts): the import preview in the headless host
  importFileMb: family('import_file_mb', 'MB'),
  jsonParseImport: single('json_parse_ms_import', 'ms'),
  importPreviewMs: family('import_preview_ms', 'ms'),
  importPreviewVsJsonParse: family('import_preview_vs_json_parse', 'x', atMost(5)),
  importPreviewPeakRss: single('import_preview_peak_rss_mb', 'MB', atMost(400)),
  importHostRssBefore: single('import_host_rss_before_mb', 'MB'),

  // switcher and apply-to-many (switcher-bench.ts, apply-bench.ts)
  switcherQueryP50: family('switcher_query_p50_ms', 'ms'),
  switcherQueryP99: family('switcher_query_p99_ms', 'ms', atMost(16)),
  switcherIndexBuild: family('switcher_index_build_ms', 'ms'),
  applyTotal: (targets: number) => single(`apply_to_${targets}_ms`, 'ms', atMost(1000)),
  applyPreview: (targets: number) => single(`apply_preview_${targets}_ms`, 'ms'),
  applyUndo: (targets: number) => single(`apply_undo_${targets}_ms`, 'ms'),
  tenantListRpc: family('tenant_list_rpc_ms', 'ms'),

  // renderer (renderer-bench.ts): Chromium against the headless host
  emptyPageFcp: single('empty_page_fcp_ms', 'ms'),
  listRender: family('tenant_list_render_ms', 'ms'),
  listRenderMax: family('tenant_list_render_max_ms', 'ms'),
  listRenderVsEmpty: family('tenant_list_render_vs_empty_page', 'x', (scale) => atMost(Number(scale) >= LARGE_LIST ? 1.2 : 1.0)),
  appStart: family('app_start_list_paint_ms', 'ms'),
  appStartMax: family('app_start_list_paint_max_ms', 'ms'),
  appStartVsEmpty: family('app_start_vs_empty_page', 'x', atMost(3)),
  // The floors (harness/list-page-floors.ts): the same paints with no script of the app.
  /** The click on "All tenants" answered by one innerHTML of the list's markup → the first row painted. */
  listDomSwap: family('tenant_list_dom_swap_ms', 'ms'),
  listDomSwapVsEmpty: family('tenant_list_dom_swap_vs_empty_page', 'x'),
  /** The list's render ÷ that markup swap: what the app's own work adds to the browser's. */
  listRenderOverFloor: family('tenant_list_render_vs_dom_swap', 'x'),
  /** The page showing the list as one static document (styles inline, no script), loaded cold → the first row painted. */
  staticListPage: family('static_list_page_paint_ms', 'ms'),
  staticListPageVsEmpty: family('static_list_page_vs_empty_page', 'x'),
  /** The app's start ÷ that static page's paint: what loading and running the app adds. */
  appStartOverFloor: family('app_start_vs_static_page', 'x'),
  /** tenants.list over HTTP from Node to the same host (request, core, JSON both ways): the request's share of the render. */
  listRpcOverHttp: family('tenant_list_http_ms', 'ms'),
  listRpcSize: family('tenant_list_http_kb', 'KiB'),
  rowsInPage: family('tenant_list_rows_in_page', 'rows'),
  rendererHeap: family('renderer_heap_mb', 'MiB', atMost(40)),
  hostRss: family('host_rss_mb', 'MB', atMost(300)),

  // the run itself
  totalS: (quick: boolean) => single('bench_total_s', 's', atMost(quick ? 60 : 600)),
} as const;
