import { createHash } from 'node:crypto';

/**
 * The Qontak mode's demo data, shaped like Mekari's recorded answers
 * (../../../../shared/qontak-api-excerpt.json): UUID divisions with their users and channels,
 * users with sso_id and is_online, integer CRM ids, the deal form with its Owner and Source
 * dropdowns. Entries are kept as wire objects, so that a test can serve a broken one as it is
 * (a division without a name, a stage naming another pipeline).
 */
export type WireEntry = Record<string, unknown>;

export interface QontakSandboxCatalog {
  divisions: (WireEntry & { id: string })[];
  users: (WireEntry & { id: string; role: string })[];
  pipelines: (WireEntry & { id: number; stages: (WireEntry & { id: number })[] })[];
  dealFields: (WireEntry & { name: string })[];
}

export interface QontakSandboxTenant {
  clientId: string;
  clientSecret: string;
  name: string;
  /** The sandbox account (contract mode) whose chatbot settings the settings routes serve. */
  username: string;
  crmConnected: boolean;
  /** The project's chatbot settings routes under /qontak/chatbot-settings/v1 (off: 404). */
  settingsRoutes: boolean;
  /** Requests a minute for this credential; null: the sandbox's default. */
  ratePerMinute: number | null;
  /** Every page request answers the first page again, with a next cursor (paging that never ends). */
  repeatPages: boolean;
  /** The next N requests answer 429 with this Retry-After. */
  forced429: { remaining: number; retryAfterSeconds: number };
  catalog: QontakSandboxCatalog;
}

/** A stable UUID (v5-like) from a name: the same demo ids on every start. */
export function demoUuid(name: string): string {
  const hex = createHash('sha1').update(`qontak-sandbox:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const ORGANIZATION = demoUuid('organization');
const CREATED = '2024-04-12T03:17:40.114Z';

const AGENTS: [key: string, fullName: string, divisions: string[], online: boolean][] = [
  ['ayu', 'Ayu Lestari', ['sales'], true],
  ['budi', 'Budi Santoso', ['support'], false],
  ['citra', 'Citra Dewanti', ['support', 'billing'], true],
  ['dewi', 'Dewi Kartika', ['sales'], false],
  ['gilang', 'Gilang Ramadhan', ['sales'], true],
  ['hana', 'Hana Putri', ['support'], false],
  ['indra', 'Indra Wijaya', ['billing'], false],
  ['joko', 'Joko Susilo', ['support'], true],
  ['kartika', 'Kartika Sari', ['sales', 'support'], false],
  ['lukman', 'Lukman Hakim', ['billing'], true],
  ['maya', 'Maya Anggraini', ['support'], false],
  ['nanda', 'Nanda Pratama', ['sales'], true],
];
const OTHERS: [key: string, fullName: string, role: string, divisions: string[]][] = [
  ['eko', 'Eko Prasetyo', 'supervisor', ['sales', 'support']],
  ['fajar', 'Fajar Nugroho', 'admin', []],
];
const DIVISIONS: [key: string, name: string][] = [
  ['sales', 'Sales'],
  ['support', 'Customer Support'],
  ['billing', 'Billing'],
];
const CHANNELS: [key: string, target: string, name: string][] = [
  ['wa', 'wa_cloud', 'Official WhatsApp'],
  ['web', 'web_chat', 'Website widget'],
  ['ig', 'ig', 'Instagram'],
];

export const DEMO_PIPELINES = [
  { id: 101, name: 'Sales pipeline', stages: [[1001, 'New'], [1002, 'Qualified'], [1003, 'Proposal'], [1004, 'Won'], [1005, 'Lost']] },
  { id: 102, name: 'Partnerships', stages: [[1011, 'Lead'], [1012, 'Negotiation'], [1013, 'Signed']] },
] as const;
export const DEMO_OWNERS = [
  { id: 201, name: 'Ayu Lestari', email: 'ayu@example.test' },
  { id: 202, name: 'Dewi Kartika', email: 'dewi@example.test' },
  { id: 203, name: 'Gilang Ramadhan', email: 'gilang@example.test' },
] as const;
export const DEMO_SOURCES = [
  { id: 301, name: 'Chatbot' },
  { id: 302, name: 'WhatsApp' },
  { id: 303, name: 'Website' },
  { id: 304, name: 'Instagram' },
] as const;

function user(key: string, fullName: string, role: string, divisionKeys: string[], online: boolean): WireEntry & { id: string; role: string } {
  return {
    id: demoUuid(`user:${key}`),
    organization_id: ORGANIZATION,
    company_id: '658787',
    full_name: fullName,
    email: `${key}@example.test`,
    phone: '+620000000000',
    role,
    avatar: { url: 'https://example.test/assets/qi-user.png', filename: null, size: 0 },
    assigned_count: 0,
    is_online: online,
    robin_last_assigned_at: null,
    sso_id: demoUuid(`sso:${key}`),
    divisions: divisionKeys.map((d) => ({ id: demoUuid(`division:${d}`), name: DIVISIONS.find(([k]) => k === d)![1] })),
    extra: { max_ongoing_chat: 20 },
    is_introduced_smart_assist: false,
    is_consent_owner: false,
  };
}

export function demoQontakCatalog(): QontakSandboxCatalog {
  const users = [
    ...AGENTS.map(([key, name, divisions, online]) => user(key, name, 'agent', divisions, online)),
    ...OTHERS.map(([key, name, role, divisions]) => user(key, name, role, divisions, false)),
  ];
  const divisions = DIVISIONS.map(([key, name]) => ({
    id: demoUuid(`division:${key}`),
    organization_id: ORGANIZATION,
    name,
    default: key === 'sales',
    created_at: CREATED,
    updated_at: CREATED,
    users: users
      .filter((u) => (u.divisions as { id: string }[]).some((d) => d.id === demoUuid(`division:${key}`)))
      .map((u) => ({ id: u.id, full_name: u.full_name, role: u.role, email: u.email })),
    channels: CHANNELS.map(([c, target, channelName]) => ({ id: demoUuid(`channel:${c}`), target_channel: target, channel_name: channelName })),
    is_contact_masking: false,
  }));
  const pipelines = DEMO_PIPELINES.map((pipeline) => ({
    id: pipeline.id,
    name: pipeline.name,
    slug: pipeline.name.toLowerCase().replace(/\s+/g, '-'),
    stages: pipeline.stages.map(([id, name], index) => ({ id, name, pipeline_id: pipeline.id, order: index + 1, win_probability: index * 20 })),
  }));
  const field = (name: string, alias: string, type: string, dropdown: WireEntry[] | null) => ({
    id: null,
    name,
    name_alias: alias,
    additional_field: false,
    type,
    dropdown,
    required_pipeline_ids: [],
    required_stage_ids: [],
  });
  const dealFields = [
    field('name', 'Deal Name', 'Single-line text', null),
    field('currency', 'Currency', 'Dropdown select', [{ id: null, name: 'IDR' }, { id: null, name: 'USD' }]),
    field('size', 'Deal Size', 'Number', null),
    field('creator_id', 'Owner', 'Dropdown select', DEMO_OWNERS.map((o) => ({ ...o, crm_teams: [{ id: 1, name: 'Team 1' }] }))),
    field('closed_date', 'Close Date', 'Date', null),
    field('crm_source_id', 'Source', 'Dropdown select', DEMO_SOURCES.map((s) => ({ ...s }))),
    field('crm_priority_id', 'Priority', 'Dropdown select', [{ id: 1, name: 'Low' }, { id: 2, name: 'High' }]),
    field('crm_stage_id', 'Stage', 'Dropdown select', null),
  ];
  return { divisions, users, pipelines, dealFields };
}

/** The demo HMAC credentials (documented in ../README.md). Each is tied to a demo account of contract mode. */
export function demoQontakTenants(): QontakSandboxTenant[] {
  const base = { ratePerMinute: null, repeatPages: false, forced429: { remaining: 0, retryAfterSeconds: 1 } };
  return [
    { ...base, clientId: 'qontak-demo-acme', clientSecret: 'acme-hmac-secret-1', name: 'Acme Retail', username: 'admin@acme-retail.test', crmConnected: true, settingsRoutes: true, catalog: demoQontakCatalog() },
    { ...base, clientId: 'qontak-demo-borneo', clientSecret: 'borneo-hmac-secret-1', name: 'Borneo Travel', username: 'admin@borneo-travel.test', crmConnected: true, settingsRoutes: false, catalog: demoQontakCatalog() },
    { ...base, clientId: 'qontak-demo-cendana', clientSecret: 'cendana-hmac-secret-1', name: 'Cendana Clinic', username: 'admin@cendana-clinic.test', crmConnected: false, settingsRoutes: false, catalog: demoQontakCatalog() },
  ];
}
