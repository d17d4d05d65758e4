import { startHost, type RunningHost } from './host-process';

/**
 * One test's host on one data directory: started when the test says so (after seeding, if any),
 * restartable on the same data, always stopped at the end.
 */
export class HostControl {
  private running: RunningHost | null = null;
  /** The output of the runs that already ended (see `log`). */
  private pastOutput = '';

  constructor(readonly dataDir: string) {}

  /** The address of the running host (it changes on each start: new port, new token). */
  get url(): string {
    return this.current().url;
  }

  /** `http://127.0.0.1:<port>` of the running host. */
  get origin(): string {
    return this.current().origin;
  }

  /** The running host's session token (what the page sends as `Authorization: Bearer …`). */
  get token(): string {
    return this.current().token;
  }

  /** Everything every run of this host wrote to stdout and stderr: its whole log. */
  get log(): string {
    return this.pastOutput + (this.running?.output() ?? '');
  }

  async start(): Promise<string> {
    if (this.running) throw new Error('the host is already running');
    this.running = await startHost(this.dataDir);
    return this.running.url;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.stop();
    if (running) this.pastOutput += running.output();
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  private current(): RunningHost {
    if (!this.running) throw new Error('the host is not running');
    return this.running;
  }
}
