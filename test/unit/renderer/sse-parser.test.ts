import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/src/api/sse-parser';

describe('SseParser', () => {
  it('parses named events, skips comments and retry lines', () => {
    const parser = new SseParser();
    const events = parser.feed('retry: 2000\n: connected\n\nevent: tenant.changed\ndata: {"tenantId":null}\n\n');
    expect(events).toEqual([{ event: 'tenant.changed', data: '{"tenantId":null}' }]);
  });

  it('joins multi-line data and handles chunks split anywhere, including inside \\r\\n', () => {
    const stream = 'event: a\r\ndata: one\r\ndata: two\r\n\r\nevent: b\ndata: three\n\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.feed(stream.slice(0, cut)), ...parser.feed(stream.slice(cut))];
      expect(events, `cut at ${cut}`).toEqual([
        { event: 'a', data: 'one\ntwo' },
        { event: 'b', data: 'three' },
      ]);
    }
  });

  it('defaults the event name to message and ignores blocks without data', () => {
    const parser = new SseParser();
    expect(parser.feed('event: lonely\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
