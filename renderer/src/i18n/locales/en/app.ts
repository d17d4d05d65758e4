/**
 * English text of the app shell: title, session, common words, workspace frame, not-found page and
 * error codes.
 */
export const appEn = {
  app: {
    title: 'Chatbot Settings',
    skipToContent: 'Skip to main content',
    language: 'Language',
    languages: { en: 'English', id: 'Bahasa Indonesia' },
    theme: { label: 'Theme', system: 'Theme: as the system', light: 'Theme: light', dark: 'Theme: dark' },
    diagnostics: {
      export: 'Export diagnostics',
      done: 'Diagnostics saved as {file}. It holds no tenant data and no secret.',
      failed: 'Could not export the diagnostics',
    },
    notifications: 'Notifications ({hotkey})',
    unexpected: {
      title: 'Something went wrong on this screen',
      detail: '{message} Your drafts are saved. If it keeps happening, export diagnostics and send them to your support team.',
    },
  },
  session: {
    endedTitle: 'Session ended',
    endedBody: 'This session has ended: open the address the host printed.',
    endedHint: 'The host prints a line starting with “host:” when it starts. Open that address in this browser.',
  },
  common: {
    cancel: 'Cancel',
    requiredLegend: 'Fields marked * are required.',
    close: 'Close',
    retry: 'Retry',
    loading: 'Loading…',
    optional: 'optional',
    dismiss: 'Dismiss',
  },
  workspace: {
    back: 'All tenants',
    nav: 'Settings areas',
    notFoundTitle: 'Tenant not found',
    notFoundBody: 'This tenant does not exist. It may have been deleted.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    back: 'Back to tenants',
  },
  errors: {
    detail: 'Details: {message}',
    codes: {
      INVALID_INPUT: 'Some values are not valid.',
      NOT_FOUND: 'It no longer exists.',
      CONFLICT: 'This collides with the current data.',
      UNKNOWN_CHANNEL: 'The app and its engine do not match (unknown request).',
      BAD_REQUEST: 'The request was malformed.',
      UNAUTHORIZED: 'This session has ended.',
      FORBIDDEN: 'This request was refused.',
      PAYLOAD_TOO_LARGE: 'This is too large to save.',
      STORE_UNAVAILABLE: 'The local database cannot be used.',
      VAULT_UNAVAILABLE: 'The system keychain cannot be used.',
      SIGN_IN_FAILED: 'The backend refused the user name or password.',
      SIGNED_OUT: 'You are signed out of the backend: sign in again. Your drafts are kept.',
      BACKEND_UNREACHABLE: 'The backend did not answer.',
      CLIPBOARD_UNAVAILABLE: 'Copy is not available here: it works in the desktop app.',
      PDF_UNAVAILABLE: 'PDF needs the desktop app; use Print → Save as PDF.',
      BACKEND_ERROR: 'The backend gave an answer the app does not understand.',
      CANCELLED: 'Stopped.',
      INTERNAL: 'Something went wrong inside the app.',
      UNREACHABLE: 'The app engine cannot be reached.',
    },
  },
};
