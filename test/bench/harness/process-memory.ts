import { readFileSync, writeFileSync } from 'node:fs';

/** A process's resident memory from /proc (Linux): now (VmRSS) and its peak so far (VmHWM), in MB (10^6 bytes). */
export interface ProcessMemory {
  rssMb: number;
  peakRssMb: number;
}

export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return (Number(match[1]) * 1024) / 1e6;
  };
  return { rssMb: kib('VmRSS'), peakRssMb: kib('VmHWM') };
}

/**
 * Resets the process's peak (VmHWM) to its current RSS, so that the next peak read is the peak of
 * what happens from now on. False when the kernel refuses (then the peak includes the start).
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
