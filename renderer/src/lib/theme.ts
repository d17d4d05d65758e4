/** The colour theme: the user's choice (System follows the operating system) and what it resolves to. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

/** Where the choice is kept, like the language's (`chatbot-settings.locale`). */
export const THEME_STORAGE_KEY = 'chatbot-settings.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** A stored choice, or System when there is none (or it is not one this app writes). */
export function initialThemeChoice(stored: string | null): ThemeChoice {
  return isThemeChoice(stored) ? stored : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}
