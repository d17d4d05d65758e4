import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogFileOptions {
  /** The folder of the log files (created when missing). */
  dir: string;
  /** The current file's name; older ones get `.1`, `.2`, … */
  name?: string;
  /** A file that would grow past this many bytes is rotated first. */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  keep?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_KEEP = 2;

/**
 * An append-only text file of whole lines, capped in size: at most (keep + 1) × maxBytes on disk.
 * A failing write (a full or read-only disk) is dropped silently: logging never breaks the app.
 */
export class RotatingLogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number | null = null;
  private size = 0;

  constructor(private readonly options: RotatingLogFileOptions) {
    this.path = join(options.dir, options.name ?? 'app.log');
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.keep = options.keep ?? DEFAULT_LOG_KEEP;
  }

  append(line: string): void {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      this.open();
      writeSync(this.fd!, bytes);
      this.size += bytes.length;
    } catch {
      this.close();
    }
  }

  /** The last `max` lines, oldest first, from the current file and, as far as needed, the rotated ones. */
  recentLines(max: number): string[] {
    const lines: string[] = [];
    const files = [this.path, ...Array.from({ length: this.keep }, (_, i) => `${this.path}.${i + 1}`)];
    for (const file of files) {
      if (lines.length >= max) break;
      if (!existsSync(file)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const fileLines = text.split('\n').filter((line) => line !== '');
      lines.unshift(...fileLines.slice(Math.max(0, fileLines.length - (max - lines.length))));
    }
    return lines;
  }

  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already gone
    }
    this.fd = null;
  }

  private open(): void {
    if (this.fd !== null) return;
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) if (existsSync(`${this.path}.${n}`)) renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    if (this.keep >= 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
  }
}
