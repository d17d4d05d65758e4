export type StoreOpenCode =
  | 'STORE_LOCKED'
  | 'STORE_CORRUPT'
  | 'STORE_UNREADABLE'
  | 'STORE_TOO_NEW'
  | 'STORE_NOT_FOUND'
  | 'STORE_NOT_WRITABLE'
  | 'STORE_NOT_DAMAGED';
export type StoreOpenAction = 'recover' | 'retry' | 'quit';

export interface StoreErrorLike {
  readonly code: StoreOpenCode;
  readonly message: string;
  readonly recovery: string;
}

export interface StoreOpenPrompt {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  actions: StoreOpenAction[];
  /** Index of the button Esc or closing the dialog picks: always Quit. */
  cancelId: number;
}

export const RECOVER_LABEL = 'Move the damaged file aside and start fresh';

/** Problems that moving the store aside cannot fix: the user fixes the cause, then tries again. */
const NOT_DAMAGE: Partial<Record<StoreOpenCode, string>> = {
  STORE_NOT_FOUND: 'The app cannot find its data folder.',
  STORE_NOT_WRITABLE: 'The app cannot write to its data folder.',
  STORE_TOO_NEW: 'Your data was saved by a newer version of the app.',
  STORE_NOT_DAMAGED: 'Your data is not damaged.',
};

/**
 * What to ask when the store cannot be opened. A locked store belongs to another running copy
 * (moving it aside would not help): offer to try again. So for a missing or read-only folder, a
 * newer store. Otherwise (damage) offer to move it aside (it is kept, never deleted) or to quit.
 */
export function storeOpenPrompt(error: StoreErrorLike): StoreOpenPrompt {
  const notDamage = NOT_DAMAGE[error.code];
  if (notDamage) {
    return {
      title: 'Chatbot Settings Desktop',
      message: notDamage,
      detail: `${error.message}\n\n${error.recovery}`,
      buttons: ['Try again', 'Quit'],
      actions: ['retry', 'quit'],
      cancelId: 1,
    };
  }
  if (error.code === 'STORE_LOCKED') {
    return {
      title: 'Chatbot Settings Desktop',
      message: 'Your data is in use by another copy of the app.',
      detail: `${error.message}\n\n${error.recovery}`,
      buttons: ['Try again', 'Quit'],
      actions: ['retry', 'quit'],
      cancelId: 1,
    };
  }
  return {
    title: 'Chatbot Settings Desktop',
    message: 'The app cannot open its local data.',
    detail: `${error.message}\n\n${error.recovery}`,
    buttons: [RECOVER_LABEL, 'Quit'],
    actions: ['recover', 'quit'],
    cancelId: 1,
  };
}
