// CPU time of processes on this machine (Linux /proc), to show where a timed run's work went: the
// app's own process, the sandbox it talks to, and the keychain's daemons (GNOME Keyring and the
// session's D-Bus daemon, both started by scripts/with-keyring.sh for this run alone).
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const TICKS_PER_S = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(answer.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** A process's fields after its name (which may hold spaces and parentheses), from /proc/PID/stat; null once it is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** User + system CPU seconds the process has used, all its threads together (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // After the name: state(0) ppid(1) … utime(11) stime(12).
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S : 0;
}

function parentOf(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : null;
}

function commandName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const other of allPids()) {
    const parent = parentOf(other);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), other]);
  }
  const tree: number[] = [];
  const visit = (id: number): void => {
    tree.push(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/**
 * The keychain's processes serving this process: the GNOME Keyring daemon of this D-Bus session
 * (it carries the session's bus address) and the session's bus daemon (started by the
 * dbus-run-session this process runs under). Empty outside scripts/with-keyring.sh.
 */
export function keychainPids(): number[] {
  const address = process.env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) return [];
  const pids: number[] = [];
  for (const pid of allPids()) {
    if (commandName(pid) !== 'gnome-keyring-d') continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`DBUS_SESSION_BUS_ADDRESS=${address}`)) pids.push(pid);
    } catch {
      // Not readable: not one of this run's.
    }
  }
  let ancestor: number | null = process.pid;
  while (ancestor !== null && ancestor > 1 && commandName(ancestor) !== 'dbus-run-session') ancestor = parentOf(ancestor);
  if (ancestor !== null && ancestor > 1) {
    for (const pid of allPids()) if (parentOf(pid) === ancestor && commandName(pid) === 'dbus-daemon') pids.push(pid);
  }
  return pids;
}

/** CPU seconds used by named groups of processes between `start` and `stop`. */
export class CpuAccount<Group extends string> {
  private before: Record<Group, number> | null = null;

  constructor(private readonly groups: Record<Group, readonly number[]>) {}

  private read(): Record<Group, number> {
    const out = {} as Record<Group, number>;
    for (const group of Object.keys(this.groups) as Group[]) out[group] = this.groups[group].reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    return out;
  }

  start(): void {
    this.before = this.read();
  }

  stop(): Record<Group, number> {
    if (!this.before) throw new Error('CpuAccount.stop before start');
    const after = this.read();
    const used = {} as Record<Group, number>;
    for (const group of Object.keys(after) as Group[]) used[group] = after[group] - this.before[group];
    return used;
  }
}
