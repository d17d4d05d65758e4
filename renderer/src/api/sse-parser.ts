export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a text/event-stream (the subset the host sends: `event:`, `data:`,
 * comments). Chunks may split lines anywhere; an event ends at a blank line.
 */
export class SseParser {
  private buffer = '';
  private eventName = '';
  private dataLines: string[] = [];

  feed(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    let newline = this.nextLineEnd();
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline.index);
      this.buffer = this.buffer.slice(newline.index + newline.length);
      const event = this.line(line);
      if (event) events.push(event);
      newline = this.nextLineEnd();
    }
    return events;
  }

  private nextLineEnd(): { index: number; length: number } | -1 {
    const match = /\r\n|\r|\n/.exec(this.buffer);
    if (!match) return -1;
    // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
    if (match[0] === '\r' && match.index === this.buffer.length - 1) return -1;
    return { index: match.index, length: match[0].length };
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') {
      if (this.dataLines.length === 0) {
        this.eventName = '';
        return null;
      }
      const event = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
      this.eventName = '';
      this.dataLines = [];
      return event;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.dataLines.push(value);
    return null;
  }
}
