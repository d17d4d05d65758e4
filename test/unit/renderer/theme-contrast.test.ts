import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * WCAG AA in both themes: the colour pairs the components use (text on its backgrounds at 4.5:1,
 * borders and icons that carry meaning at 3:1), read from tokens.css; and no component carries a
 * colour of its own (every colour is a token).
 */
const STYLES = join(__dirname, '../../../renderer/src');
const css = readFileSync(join(STYLES, 'styles/tokens.css'), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('\n}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]));
}

const light = block(':root');
const themes = { light, dark: { ...light, ...block(":root[data-theme='dark']") } };

function luminance(hex: string): number {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((c) => c + c).join('') : value;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const TEXT: Array<[string, string[]]> = [
  ['text', ['bg', 'surface', 'surface-muted', 'surface-hover', 'primary-soft', 'danger-soft', 'success-soft', 'warning-soft']],
  ['text-muted', ['bg', 'surface', 'surface-muted', 'surface-hover', 'primary-soft']],
  ['link', ['surface', 'surface-hover', 'primary-soft']],
  ['primary', ['surface', 'bg']],
  ['primary-hover', ['surface']],
  ['primary-text', ['primary', 'primary-hover']],
  ['danger', ['surface', 'bg', 'danger-soft']],
  ['danger-hover', ['danger-soft']],
  ['on-danger', ['danger', 'danger-hover']],
  ['success', ['surface', 'success-soft']],
  ['warning-text', ['warning-soft']],
];
const NON_TEXT: Array<[string, string[]]> = [
  ['border-strong', ['surface', 'bg']],
  ['focus', ['surface', 'bg', 'surface-muted']],
  ['success', ['surface']],
  ['danger', ['surface']],
];

describe('colour contrast (WCAG AA)', () => {
  for (const [name, tokens] of Object.entries(themes)) {
    it(`the ${name} theme: text at 4.5:1 and meaningful non-text at 3:1`, () => {
      const failures: string[] = [];
      for (const [minimum, pairs] of [
        [4.5, TEXT],
        [3, NON_TEXT],
      ] as const) {
        for (const [fg, bgs] of pairs) {
          for (const bg of bgs) {
            const ratio = contrast(tokens[`color-${fg}`]!, tokens[`color-${bg}`]!);
            if (ratio < minimum) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('the two themes define the same colour tokens', () => {
    const colours = (tokens: Record<string, string>) => Object.keys(tokens).filter((key) => key.startsWith('color-') && key !== 'color-overlay').sort();
    expect(colours(block(":root[data-theme='dark']"))).toEqual(colours(light).filter((key) => key !== 'color-overlay'));
  });

  it('components use tokens, never a colour literal', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(vue|css)$/.test(entry.name) && !path.endsWith('tokens.css')) {
          const text = readFileSync(path, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
          for (const match of text.matchAll(/#[0-9a-fA-F]{3,8}\b|\b(rgba?|hsla?)\(/g)) offenders.push(`${path.slice(STYLES.length)}: ${match[0]}`);
        }
      }
    };
    walk(STYLES);
    expect(offenders).toEqual([]);
  });
});
