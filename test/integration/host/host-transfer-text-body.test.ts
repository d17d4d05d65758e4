import { beforeAll, describe, expect, it } from 'vitest';
import { HOST_MAX_TRANSFER_BODY_BYTES, HOST_TEXT_BODY_TYPE } from '../../../shared/rpc/host-transport';
import { exportFileOf } from '../../support/transfer/export-file';
import { rawRequest, rpc, useHostFixture, type RawResponse } from './host-fixture';

/** An import file as the raw body of `transfer.previewImport` (what the page's HTTP transport sends). */

const fx = useHostFixture();
let port: number;
beforeAll(() => {
  port = fx.server.port;
});

function sendText(channel: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(port, {
    method: 'POST',
    path: `/rpc/${channel}`,
    headers: { Authorization: `Bearer ${fx.server.token}`, 'Content-Type': HOST_TEXT_BODY_TYPE, ...headers },
    body,
  });
}

async function tenantNames(): Promise<string[]> {
  const result = (await rpc(fx, 'tenants.list', {})).json as { ok: true; value: Array<{ name: string }> };
  return result.value.map((tenant) => tenant.name);
}

interface PreviewAnswer {
  ok: true;
  value: { previewId: string; total: number; counts: Record<string, number>; tenants: Array<{ name: string; action: string }> };
}

describe('host: an import file as the raw text body', () => {
  it('previews a file sent as text/plain exactly as the same file inside the JSON input', async () => {
    await rpc(fx, 'tenants.create', { name: 'Toko 2' });
    const text = exportFileOf(3);
    const raw = await sendText('transfer.previewImport', text);
    expect(raw.status).toBe(200);
    const viaText = JSON.parse(raw.body) as PreviewAnswer;
    const viaJson = (await rpc(fx, 'transfer.previewImport', { text })).json as PreviewAnswer;
    expect(viaText.ok).toBe(true);
    const { previewId: textId, ...textPreview } = viaText.value;
    const { previewId: jsonId, ...jsonPreview } = viaJson.value;
    expect(textId).not.toBe(jsonId);
    expect(textPreview).toEqual(jsonPreview);
    expect(textPreview.counts).toEqual({ create: 2, update: 1, unchanged: 0 });
    // The kept preview applies like any other.
    const applied = await rpc(fx, 'transfer.applyImport', { previewId: textId });
    expect(applied.status).toBe(200);
    expect((await tenantNames()).sort()).toEqual(['Toko 1', 'Toko 2', 'Toko 3']);
  });

  it('decodes the body as UTF-8 (names in any script, a byte order mark) and accepts text/plain without a charset', async () => {
    const text = `\uFEFF${exportFileOf(1).replace('"Toko 1"', '"Kedai Kopi Café 東京 😀"')}`;
    const answer = JSON.parse((await sendText('transfer.previewImport', text, { 'Content-Type': 'text/plain' })).body) as PreviewAnswer;
    expect(answer.ok).toBe(true);
    expect(answer.value.tenants.map((tenant) => tenant.name)).toEqual(['Kedai Kopi Café 東京 😀']);
  });

  it('answers a bad file with the core’s own typed error, nothing changed', async () => {
    const before = await tenantNames();
    const cases: Array<[string, RegExp]> = [
      ['', /^transfer\.file\.empty$/],
      ['{"format":"chatbot-settings-export",', /^transfer\.file\.notJson /],
      ['{"format":"something-else"}', /^transfer\.file\.notExport$/],
    ];
    for (const [body, issue] of cases) {
      const response = await sendText('transfer.previewImport', body);
      expect(response.status, body).toBe(400);
      const answer = JSON.parse(response.body) as { ok: false; error: { code: string; issues: Array<{ message: string }> } };
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.issues[0]?.message).toMatch(issue);
    }
    expect(await tenantNames()).toEqual(before);
  });

  it('refuses a text body on a channel that takes JSON only, or in another charset, and the connection stays usable', async () => {
    const before = await tenantNames();
    const other = await sendText('tenants.create', '{"name":"Lewat Teks"}');
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/takes its input as a JSON body/) } });
    const latin1 = await sendText('transfer.previewImport', exportFileOf(1), { 'Content-Type': 'text/plain; charset=iso-8859-1' });
    expect(latin1.status).toBe(400);
    expect(JSON.parse(latin1.body)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/UTF-8/) } });
    expect(await tenantNames()).toEqual(before);
  });

  it('keeps the token, the Origin check and the transfer body limit for a text body', async () => {
    const text = exportFileOf(1);
    const noToken = await rawRequest(port, { method: 'POST', path: '/rpc/transfer.previewImport', headers: { 'Content-Type': HOST_TEXT_BODY_TYPE }, body: text });
    expect(noToken.status).toBe(401);
    const foreign = await sendText('transfer.previewImport', text, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const tooLarge = await sendText('transfer.previewImport', '', { 'Content-Length': String(HOST_MAX_TRANSFER_BODY_BYTES + 1) });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
