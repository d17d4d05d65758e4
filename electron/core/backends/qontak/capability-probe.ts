import type { BackendCapabilities } from '../../../../shared/wire/qontak/capabilities';
import { qontakChatListSchema } from '../../../../shared/wire/qontak/envelopes';
import { qontakUserSchema } from '../../../../shared/wire/qontak/chat';
import { QONTAK_HEADERS, QONTAK_PATHS, QONTAK_SETTINGS_API_PREFIX, QONTAK_SETTINGS_PROBE_PATHS } from '../../../../shared/wire/qontak/routes';
import type { QontakAnswer, QontakClient } from './qontak-client';

/**
 * Finds out what a Qontak-kind backend offers, with light requests that change nothing:
 *   chat catalogs   GET divisions (one entry)                       2xx → offered
 *   (acting user)   GET users?role=agent (one entry): its sso_id for the CRM routes, unless given
 *   CRM catalogs    GET crm/pipelines                               2xx → offered and connected; 403/404 → not connected
 *   settings read   GET <settings prefix>/chatbot/settings/ai-response  2xx → offered; 404/405 → not offered
 *   settings write  PUT the same with an empty body and an If-Match no version has:
 *                   400/412/422/428 → the route exists and checks writes (offered); 404/405/403 → not offered.
 *                   An empty body can never be stored, so the probe writes nothing.
 *   bot responses   GET <settings prefix>/chatbot/bot-responses     2xx → offered
 * A missing capability is an answer, not an error; credentials refused, a clock that is off, no
 * answer at all, or an HTML page still throw (the same QontakError as any request).
 */
export interface ProbeOptions {
  /** The user CRM routes act for (X-Crm-User-Sso-Id), when known. */
  actingSsoId?: string | null;
  signal?: AbortSignal;
  now?: () => number;
}

const firstAgentSchema = qontakChatListSchema(qontakUserSchema.pick({ id: true, sso_id: true }));

const PROBE_IF_MATCH = '"capability-probe-never-a-version"';

function ok(answer: QontakAnswer): boolean {
  return answer.status >= 200 && answer.status <= 299;
}

export async function probeQontakCapabilities(client: QontakClient, options: ProbeOptions = {}): Promise<BackendCapabilities> {
  const { signal } = options;
  // A web page (or anything not JSON) where the divisions belong means the base URL is wrong: say
  // so instead of reporting "nothing offered". Once the divisions showed this is the API, a route
  // it does not have may answer 404 in any form.
  const expectJson = (answer: QontakAnswer) => {
    if (ok(answer)) client.json(answer);
    return answer;
  };
  const divisions = await client.send('GET', QONTAK_PATHS.divisions, { query: { offset: 1, limit: 1 }, signal });
  if (ok(divisions) || client.looksHtml(divisions)) client.json(divisions);
  if (!ok(divisions) && divisions.status !== 404 && divisions.status !== 403) throw client.refusal(divisions);

  let ssoId = options.actingSsoId ?? null;
  if (!ssoId && ok(divisions)) {
    // CRM routes act for a user: the first agent, as the catalog fetch does.
    const agents = await client.send('GET', QONTAK_PATHS.users, { query: { role: 'agent', offset: 1, limit: 1 }, signal });
    if (ok(agents)) ssoId = client.parse(agents, firstAgentSchema).data[0]?.sso_id ?? null;
  }
  const crmHeaders: Record<string, string> = ssoId ? { [QONTAK_HEADERS.crmUserSsoId]: ssoId } : {};
  const pipelines = expectJson(await client.send('GET', QONTAK_PATHS.crmPipelines, { headers: crmHeaders, signal }));
  const crmCatalogs = ok(pipelines);
  const crmConnected = crmCatalogs ? true : pipelines.status === 403 || pipelines.status === 404 ? false : null;

  const settingsPath = QONTAK_SETTINGS_API_PREFIX + QONTAK_SETTINGS_PROBE_PATHS.settings;
  const read = expectJson(await client.send('GET', settingsPath, { signal }));
  const settingsRead = ok(read);
  let settingsWrite = false;
  if (settingsRead) {
    const write = await client.send('PUT', settingsPath, { headers: { 'If-Match': PROBE_IF_MATCH }, body: '', signal });
    settingsWrite = [400, 412, 422, 428].includes(write.status);
  }
  const bot = expectJson(await client.send('GET', QONTAK_SETTINGS_API_PREFIX + QONTAK_SETTINGS_PROBE_PATHS.botResponses, { signal }));

  return {
    chatCatalogs: ok(divisions),
    crmCatalogs,
    crmConnected,
    settingsRead,
    settingsWrite,
    botResponses: ok(bot),
    publishing: settingsRead && settingsWrite ? 'backend' : 'change_sheet',
    checkedAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
}
