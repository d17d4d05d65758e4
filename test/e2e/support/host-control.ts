import { startHost, type RunningHost } from './host-process';

/**
 * One test's host on one data directory: started when the test says so (after seeding, if any),
 * restartable on the same data, always stopped at the end.
 */
export class HostControl {
  private running: RunningHost | null = null;

  constructor(readonly dataDir: string) {}

  /** The address of the running host (it changes on each start: new port, new token). */
  get url(): string {
    if (!this.running) throw new Error('the host is not running');
    return this.running.url;
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
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }
}
