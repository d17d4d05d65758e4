import { defineStore } from 'pinia';

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  title: string;
  detail?: string;
  /** One action offered with the news, such as `Undo` (the toast then stays longer). */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  /** Said to screen readers instead of the label when the toast is announced: how else to do it. */
  altText: string;
  run: () => void | Promise<void>;
}

let nextId = 1;

/** Notifications, shown by ToastHost in an aria-live region. Texts arrive already translated. */
export const useToastsStore = defineStore('toastsStore', {
  state: () => ({ items: [] as Toast[] }),
  actions: {
    push(toast: Omit<Toast, 'id'>): number {
      const id = nextId++;
      this.items.push({ ...toast, id });
      return id;
    },
    dismiss(id: number) {
      this.items = this.items.filter((toast) => toast.id !== id);
    },
    dehydrate() {
      this.$reset();
    },
  },
});
