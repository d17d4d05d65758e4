import { isAbsolute } from 'node:path';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { appSettingsInputSchema, type AppSettings } from '../../../shared/schemas/app-settings';
import { MetaStore } from '../meta/meta-store';
import { configureCoreNetwork, CoreNetworkConfigError, createCoreDispatcher } from '../net/core-dispatcher';
import { parseOrThrow } from '../validation/invalid-input';

/**
 * The app's settings, kept in the store's meta table: the CA file every request of the core
 * trusts on top of the bundled roots (and NODE_EXTRA_CA_CERTS). A new CA file is checked (it must
 * be readable and hold a PEM certificate) before it is kept, then handed to the core's network.
 */
export class AppSettingsService {
  private readonly store: MetaStore;

  constructor(deps: { db: Database.Database }) {
    this.store = new MetaStore(deps.db);
  }

  get(): AppSettings {
    return { caFile: this.store.setting('caFile') };
  }

  /** At start: the network with the kept CA file; a file that went missing is reported, not fatal. */
  applyNetwork(onProblem: (message: string) => void): void {
    const caFile = this.store.setting('caFile');
    if (caFile === null) return;
    try {
      configureCoreNetwork({ caFile });
    } catch (error) {
      if (error instanceof CoreNetworkConfigError) onProblem(error.message);
      else throw error;
    }
  }

  set(input: { caFile: string | null }): AppSettings {
    const { caFile } = parseOrThrow(appSettingsInputSchema, input);
    if (caFile !== null) {
      if (!isAbsolute(caFile)) throw new RpcError('INVALID_INPUT', 'Give the CA file’s full path.', [{ path: ['caFile'], message: 'appSettings.caFile.invalid' }]);
      try {
        void createCoreDispatcher({ caFile }).close();
      } catch (error) {
        if (error instanceof CoreNetworkConfigError) throw new RpcError('INVALID_INPUT', error.message, [{ path: ['caFile'], message: 'appSettings.caFile.invalid' }]);
        throw error;
      }
    }
    this.store.setSetting('caFile', caFile);
    configureCoreNetwork({ caFile });
    return this.get();
  }
}
