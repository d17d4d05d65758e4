import { defineStore } from 'pinia';
import type { AppSettings } from '../../../shared/schemas/app-settings';

/** The app's own settings (the CA file of the core's network), read and saved through the core. */
export const useAppSettingsStore = defineStore('appSettings', {
  state: () => ({ current: null as AppSettings | null }),
  actions: {
    async load(): Promise<AppSettings> {
      this.current = await this.rpc.call('app.settings.get', {});
      return this.current;
    },
    async save(caFile: string | null): Promise<AppSettings> {
      this.current = await this.rpc.call('app.settings.set', { caFile });
      return this.current;
    },
  },
});
