import type { DependencyPin } from './classify-outdated.mjs';
export const DEPENDENCY_PINS: readonly DependencyPin[];
