// Turns `npm outdated --json` into a report: what is behind, and what is held at a pin (with why).

/** [major, minor, patch] of a plain version ("1.2.3", pre-release tags ignored); null if not one. */
export function parseVersion(text) {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(String(text ?? ''));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

export function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return 0;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Whether `version` is inside a pin's range: an exact "1.2.3", "1.2.x" or "1.x". */
export function inPinRange(version, range) {
  const parts = range.split('.');
  const v = parseVersion(version);
  if (!v) return false;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'x') return true;
    if (Number(parts[i]) !== v[i]) return false;
  }
  return true;
}

/**
 * One package's line of the report.
 * - `held`: the package is pinned to a range (newer versions outside it are not used, for the
 *   pin's reason); `target` is the newest version inside the range when that is newer than the
 *   installed one (then it is behind as well), else null.
 * - `behind`: a newer version is allowed and not installed.
 * - `current`: nothing newer (npm lists a package whose "latest" tag is older than the installed one).
 * - `missing`: not installed.
 */
export function classifyPackage(name, info, pins, newestInPin = null) {
  const pin = pins.find((entry) => entry.name === name) ?? null;
  const current = info.current ?? null;
  const latest = info.latest ?? null;
  const base = { name, current, wanted: info.wanted ?? null, latest };
  if (current === null) return { ...base, status: 'missing', target: info.wanted ?? latest, reason: 'not installed (run npm ci)' };
  if (pin) {
    const candidate = newestInPin ?? (latest !== null && inPinRange(latest, pin.range) ? latest : null);
    const target = candidate && compareVersions(candidate, current) > 0 ? candidate : null;
    return { ...base, status: 'held', pin: pin.range, target, reason: pin.reason };
  }
  if (latest !== null && compareVersions(latest, current) > 0) return { ...base, status: 'behind', target: latest, reason: null };
  return { ...base, status: 'current', target: null, reason: null };
}

export function classifyOutdated(outdated, pins, newestInPins = {}) {
  return Object.entries(outdated)
    .map(([name, info]) => classifyPackage(name, Array.isArray(info) ? (info[0] ?? {}) : info, pins, newestInPins[name] ?? null))
    .sort((a, b) => a.name.localeCompare(b.name));
}
