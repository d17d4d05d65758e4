import type { VaultStatusView } from '../../../shared/schemas/vault-status';
import { summarizeOutbox } from '../sync/publish/outbox';
import { DiagnosticsService, type DiagnosticsDeps } from './diagnostics-service';

/** The diagnostics service over an open store: the keychain's status from its housekeeping, the outbox's counts from sync's table. */
export function createDiagnosticsService(
  deps: Omit<DiagnosticsDeps, 'keychainStatus' | 'outboxSummary'> & { vaultHousekeeping: { status(): Promise<VaultStatusView> } },
): DiagnosticsService {
  const { vaultHousekeeping, ...rest } = deps;
  return new DiagnosticsService({ ...rest, keychainStatus: () => vaultHousekeeping.status(), outboxSummary: () => summarizeOutbox(deps.db) });
}
