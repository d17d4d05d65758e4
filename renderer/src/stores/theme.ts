import { defineStore } from 'pinia';
import { initialThemeChoice, resolveTheme, THEME_STORAGE_KEY, type Theme, type ThemeChoice } from '../lib/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/**
 * The colour theme: System (follows the operating system, also when it changes while the app
 * runs), Light or Dark, remembered on this computer like the language. Applied as
 * `<html data-theme>` (tokens.css) and the page's `color-scheme` (form controls, scrollbars).
 */
export const useThemeStore = defineStore('theme', {
  state: () => ({
    choice: initialThemeChoice(readStored()) as ThemeChoice,
    systemDark: systemPrefersDark(),
  }),
  getters: {
    theme: (state): Theme => resolveTheme(state.choice, state.systemDark),
  },
  actions: {
    choose(choice: ThemeChoice) {
      this.choice = choice;
      try {
        window.localStorage.setItem(THEME_STORAGE_KEY, choice);
      } catch {
        // Storage can be unavailable (private mode); the choice then lasts for this session.
      }
      this.apply();
    },

    /** Puts the theme on the page and follows the system's changes; returns how to stop following. */
    start(): () => void {
      this.apply();
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const query = window.matchMedia(DARK_QUERY);
      const onChange = (event: MediaQueryListEvent) => {
        this.systemDark = event.matches;
        this.apply();
      };
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },

    apply() {
      const root = document.documentElement;
      root.dataset.theme = this.theme;
      document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', this.theme);
    },
  },
});
