import { describe, expect, it } from 'vitest';
import { ContractValidator } from '../../sandbox/contract-validator';

/** The validator must be able to say no: each case breaks the document's contract in one way. */
describe('contract validator (Ajv against api/openapi.json)', () => {
  const validator = new ContractValidator();
  const okResource = { version: '3', updatedAt: '2026-01-01T00:00:00.000Z', value: { threshold: 10, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } };
  const json = 'application/json; charset=utf-8';

  it('accepts a conforming response and request', () => {
    expect(
      validator.checkResponse({ method: 'GET', path: '/chatbot/settings/ai-response', status: 200, headers: { ETag: '"3"' }, body: { status: 'success', data: okResource }, contentType: json }),
    ).toEqual([]);
    expect(
      validator.checkRequest({
        method: 'PUT',
        path: '/chatbot/settings/ai-response',
        headers: { Authorization: 'Bearer x', 'If-Match': '"3"', 'Content-Type': 'application/json' },
        body: okResource.value,
      }),
    ).toEqual([]);
  });

  it('catches a wrong body, a missing header, an undocumented status or code, and unknown paths', () => {
    const wrongBody = validator.checkResponse({
      method: 'GET',
      path: '/chatbot/settings/ai-response',
      status: 200,
      headers: { ETag: '"3"' },
      body: { status: 'success', data: { ...okResource, value: { ...okResource.value, threshold: 'ten' } } },
      contentType: json,
    });
    expect(wrongBody.join('\n')).toMatch(/threshold/);
    const noEtag = validator.checkResponse({ method: 'GET', path: '/chatbot/settings/ai-response', status: 200, headers: {}, body: { status: 'success', data: okResource }, contentType: json });
    expect(noEtag.join('\n')).toMatch(/ETag is required/);
    expect(validator.checkResponse({ method: 'GET', path: '/divisions', status: 418, headers: {}, body: {}, contentType: json })[0]).toMatch(/not documented/);
    const wrongCode = validator.checkResponse({
      method: 'GET',
      path: '/divisions',
      status: 409,
      headers: {},
      body: { status: 'error', error: { code: 'crm_not_connected', message: 'x' } },
      contentType: json,
    });
    expect(wrongCode.length).toBeGreaterThan(0);
    const codeOfAnotherStatus = validator.checkResponse({
      method: 'GET',
      path: '/crm/pipelines',
      status: 409,
      headers: {},
      body: { status: 'error', error: { code: 'conflict', message: 'x' } },
      contentType: json,
    });
    expect(codeOfAnotherStatus.join('\n')).toMatch(/allowed values/);
    expect(validator.checkRequest({ method: 'GET', path: '/nowhere', headers: {} })[0]).toMatch(/no path/);
    expect(validator.checkRequest({ method: 'PATCH', path: '/divisions', headers: {} })[0]).toMatch(/not in the document/);
  });

  it('catches requests without If-Match, Idempotency-Key or bearer token, and invalid bodies', () => {
    const put = validator.checkRequest({ method: 'PUT', path: '/chatbot/settings/ai-response', headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' }, body: okResource.value });
    expect(put.join('\n')).toMatch(/If-Match is required/);
    const post = validator.checkRequest({
      method: 'POST',
      path: '/crm/deal-settings',
      headers: { 'Content-Type': 'application/json' },
      body: { botResponseId: 'b', enabled: 'yes' },
    });
    expect(post.join('\n')).toMatch(/Idempotency-Key is required/);
    expect(post.join('\n')).toMatch(/Bearer/);
    expect(post.join('\n')).toMatch(/enabled/);
    const listQuery = validator.checkRequest({ method: 'GET', path: '/users?role=robot', headers: { Authorization: 'Bearer x' } });
    expect(listQuery.join('\n')).toMatch(/role/);
  });
});
