import { describe, expect, it } from 'vitest';
import { classifyOutdated, classifyPackage, inPinRange } from '../../../scripts/deps/classify-outdated.mjs';
import { DEPENDENCY_PINS } from '../../../scripts/deps/dependency-pins.mjs';

const pins = [
  { name: 'typescript', range: '5.9.x', reason: 'vue-tsc fails with TypeScript 7' },
  { name: 'vue-i18n', range: '11.4.2', reason: 'warns about Node 22' },
  { name: 'electron', range: '45.x', reason: 'the 45 line' },
];

describe('deps:report classification', () => {
  it('reads pin ranges: exact, minor line, major line', () => {
    expect(inPinRange('5.9.3', '5.9.x')).toBe(true);
    expect(inPinRange('5.10.0', '5.9.x')).toBe(false);
    expect(inPinRange('11.4.2', '11.4.2')).toBe(true);
    expect(inPinRange('11.4.3', '11.4.2')).toBe(false);
    expect(inPinRange('45.9.0', '45.x')).toBe(true);
    expect(inPinRange('46.0.0', '45.x')).toBe(false);
  });

  it('marks a pinned package held with its reason, and behind only inside its pin', () => {
    expect(classifyPackage('typescript', { current: '5.9.3', wanted: '5.9.3', latest: '7.0.2' }, pins)).toMatchObject({
      status: 'held',
      pin: '5.9.x',
      target: null,
      reason: 'vue-tsc fails with TypeScript 7',
    });
    // the newest 45.x patch is newer than the installed one: held, and that patch is the target
    expect(classifyPackage('electron', { current: '45.4.1', wanted: '45.4.1', latest: '41.7.1' }, pins, '45.6.1')).toMatchObject({ status: 'held', target: '45.6.1' });
    expect(classifyPackage('vue-i18n', { current: '11.4.2', wanted: '11.4.2', latest: '11.5.0' }, pins)).toMatchObject({ status: 'held', target: null });
  });

  it('marks an unpinned package behind when a newer version exists, current when npm\'s latest is older', () => {
    expect(classifyPackage('pinia', { current: '3.0.4', wanted: '3.0.4', latest: '4.1.0' }, pins)).toMatchObject({ status: 'behind', target: '4.1.0', reason: null });
    expect(classifyPackage('odd', { current: '2.0.0', wanted: '2.0.0', latest: '1.9.0' }, pins)).toMatchObject({ status: 'current', target: null });
    expect(classifyPackage('gone', { wanted: '1.0.0', latest: '1.0.0' }, pins)).toMatchObject({ status: 'missing' });
  });

  it('sorts the whole report by name and knows the toolchain pins', () => {
    const report = classifyOutdated({ zeta: { current: '1.0.0', latest: '2.0.0' }, typescript: { current: '5.9.3', latest: '7.0.2' } }, pins);
    expect(report.map((row) => [row.name, row.status])).toEqual([
      ['typescript', 'held'],
      ['zeta', 'behind'],
    ]);
    const pinned = new Map(DEPENDENCY_PINS.map((pin) => [pin.name, pin.range]));
    expect(Object.fromEntries(['vue-i18n', 'typescript', 'zod', 'better-sqlite3', 'jsdom', 'vue-router', 'electron', 'undici'].map((name) => [name, pinned.get(name)]))).toEqual({
      'vue-i18n': '11.4.2',
      typescript: '5.9.x',
      zod: '3.x',
      'better-sqlite3': '12.x',
      jsdom: '29.x',
      'vue-router': '4.x',
      electron: '45.x',
      undici: '7.x',
    });
  });
});
