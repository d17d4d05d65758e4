export type StoreOpenCode = 'STORE_LOCKED' | 'STORE_CORRUPT' | 'STORE_UNREADABLE' | 'STORE_TOO_NEW';
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

/**
 * What to ask when the store cannot be opened. A locked store belongs to another running copy
 * (moving it aside would not help): offer to try again. Otherwise offer to move it aside (it is
 * kept, never deleted) or to quit.
 */
export function storeOpenPrompt(error: StoreErrorLike): StoreOpenPrompt {
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
