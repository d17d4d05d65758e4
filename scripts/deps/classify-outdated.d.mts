export interface DependencyPin {
  name: string;
  range: string;
  reason: string;
}
export interface OutdatedInfo {
  current?: string;
  wanted?: string;
  latest?: string;
}
export interface PackageReport {
  name: string;
  current: string | null;
  wanted: string | null;
  latest: string | null;
  status: 'behind' | 'held' | 'current' | 'missing';
  target: string | null;
  reason: string | null;
  pin?: string;
}
export function parseVersion(text: string): [number, number, number] | null;
export function compareVersions(a: string, b: string): number;
export function inPinRange(version: string, range: string): boolean;
export function classifyPackage(name: string, info: OutdatedInfo, pins: readonly DependencyPin[], newestInPin?: string | null): PackageReport;
export function classifyOutdated(
  outdated: Record<string, OutdatedInfo | OutdatedInfo[]>,
  pins: readonly DependencyPin[],
  newestInPins?: Record<string, string>,
): PackageReport[];
