import { describe, expect, it } from 'vitest';
import { PreviewRowParts } from '../../../electron/core/transfer/preview-row-parts';

describe('the parts preview rows share', () => {
  it('answers one list for equal lists of fields, and another for a different content or order', () => {
    const parts = new PreviewRowParts();
    const first = parts.fields(['/name', '/code']);
    expect(parts.fields(['/name', '/code'])).toBe(first);
    expect(parts.fields(['/code', '/name'])).not.toBe(first);
    expect(parts.fields(['/code', '/name'])).toEqual(['/code', '/name']);
    expect(parts.fields(['/name'])).toEqual(['/name']);
    expect(parts.fields(['/name', '/code', '/baseUrl'])).toEqual(['/name', '/code', '/baseUrl']);
    expect(parts.fields([])).toEqual([]);
    // A pointer holding what would join two others stays itself.
    expect(parts.fields(['/name/code'])).toEqual(['/name/code']);
    expect(new PreviewRowParts().fields(['/name', '/code'])).not.toBe(first);
  });

  it('answers one change for equal changes (area, label, action, fields), and another when any differs', () => {
    const parts = new PreviewRowParts();
    const label = parts.connectionLabel('Orders', 'ORD_API');
    expect(label).toBe('Orders (ORD_API)');
    const change = parts.change('api_connection', label, 'create', ['/name', '/code']);
    expect(change).toEqual({ area: 'api_connection', label: 'Orders (ORD_API)', action: 'create', fields: ['/name', '/code'] });
    expect(parts.change('api_connection', parts.connectionLabel('Orders', 'ORD_API'), 'create', ['/name', '/code'])).toBe(change);
    expect(parts.change('api_connection', label, 'update', ['/name', '/code'])).toEqual({ ...change, action: 'update' });
    expect(parts.change('api_connection', label, 'create', ['/name'])).toEqual({ ...change, fields: ['/name'] });
    expect(parts.change('ai_response', label, 'create', ['/name', '/code'])).toEqual({ ...change, area: 'ai_response' });
    expect(parts.change('api_connection', parts.connectionLabel('Orders', 'ORD'), 'create', ['/name', '/code']).label).toBe('Orders (ORD)');
  });

  it('makes a warning once per kind and subject', () => {
    const parts = new PreviewRowParts();
    let made = 0;
    const make = (subject: string) => `${++made}: ${subject}`;
    expect(parts.warning('a', 'X (Y)', make)).toBe('1: X (Y)');
    expect(parts.warning('a', 'X (Y)', make)).toBe('1: X (Y)');
    expect(parts.warning('b', 'X (Y)', make)).toBe('2: X (Y)');
    expect(parts.warning('a', 'Z', make)).toBe('3: Z');
  });
});
