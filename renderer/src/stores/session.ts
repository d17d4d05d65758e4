import { defineStore } from 'pinia';

/** Whether the app can still talk to its host (the launch token can expire with the host). */
export const useSessionStore = defineStore('sessionStore', {
  state: () => ({ ended: false }),
  actions: {
    end() {
      this.ended = true;
    },
  },
});
