import { openCore, recoverStore, StoreOpenError, type Core, type CoreOptions } from '../core/open-core';
import { storeOpenPrompt, type StoreOpenPrompt } from './store-open-prompt';

export interface StoreOpenUi {
  /** Shows the prompt, returns the index of the chosen button. */
  ask(prompt: StoreOpenPrompt): number;
  /** Says what the recovery did. */
  tell(message: string): void;
}

const MAX_ATTEMPTS = 5;

/**
 * Opens the core; when the store cannot be opened, asks the user what to do (recover, try
 * again, quit) until it opens or they quit. Returns null when they quit.
 */
export function openCoreInteractively(options: CoreOptions, ui: StoreOpenUi): Core | null {
  for (let attempt = 1; ; attempt++) {
    try {
      return openCore(options);
    } catch (error) {
      if (!(error instanceof StoreOpenError) || attempt >= MAX_ATTEMPTS) throw error;
      const prompt = storeOpenPrompt(error);
      const action = prompt.actions[ui.ask(prompt)] ?? 'quit';
      if (action === 'quit') return null;
      if (action === 'recover') {
        try {
          const { movedAside, restoredFrom } = recoverStore(options.dataDir);
          ui.tell(describeRecovery(movedAside, restoredFrom));
        } catch (recoverError) {
          // e.g. another copy took the store meanwhile: the next attempt to open says so.
          if (!(recoverError instanceof StoreOpenError)) throw recoverError;
        }
      }
    }
  }
}

function describeRecovery(movedAside: string[], restoredFrom: string | null): string {
  const kept = movedAside.length > 0 ? `The damaged files were kept in:\n${movedAside.join('\n')}` : 'There was no damaged file to move.';
  const start = restoredFrom ? `The app starts from the backup ${restoredFrom}.` : 'The app starts with empty local data.';
  return `${kept}\n\n${start}`;
}
