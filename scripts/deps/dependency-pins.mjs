// The versions this project holds on purpose, and why (the project's toolchain notes). A pin is a
// semver range the package must stay in: anything newer outside it is "held", not "behind".
export const DEPENDENCY_PINS = [
  { name: 'vue-i18n', range: '11.4.2', reason: '11.4.3 and later warn about Node 22 on Node 20' },
  { name: 'typescript', range: '5.9.x', reason: 'vue-tsc fails with TypeScript 7' },
  { name: 'zod', range: '3.x', reason: '@vee-validate/zod needs zod 3 (zod 4 fails to resolve)' },
  { name: 'better-sqlite3', range: '12.x', reason: '13.x segfaults on Node 20 (needs N-API 10)' },
  { name: 'jsdom', range: '29.x', reason: '30 and later fail on Node 20' },
  { name: 'vue-router', range: '4.x', reason: '5.x pulls helpers that warn about Node 22' },
  { name: 'electron', range: '45.x', reason: 'the app follows the Electron 45 line (patches only)' },
  { name: 'undici', range: '7.x', reason: 'undici 8 needs Node 22' },
  { name: '@types/node', range: '20.x', reason: "the types of the Node the project runs on (20)" },
  { name: '@axe-core/playwright', range: '4.10.x', reason: 'later versions declare Node 22.12 or newer' },
];
