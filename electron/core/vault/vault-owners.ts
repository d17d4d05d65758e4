import type { TrackedOwners } from './vault-housekeeping';

/** A keychain owner the store still points at, by tenant. */
export interface HeldOwner {
  tenant_id: string;
  owner: string;
}

/** A part of the core that keeps keychain sets alive: the ones it points at, and the ones it needs although no row does. */
export interface OwnerProvider {
  owners(): HeldOwner[];
  /** A set still needed although no row points at it (a publish in flight sends it, an undoable batch would bring it back). */
  isPinned?(tenantId: string, owner: string): boolean;
}

/**
 * The owners the keychain housekeeping must keep, gathered from the services that hold sets
 * (API connections, apply batches, the publish outbox): each registers once when it is made, so
 * that the housekeeping, made before them, needs no reference to any of them.
 */
export class VaultOwnerRegistry implements TrackedOwners {
  private readonly providers: OwnerProvider[] = [];

  constructor(private readonly tracked: (owner: string) => boolean) {}

  register(provider: OwnerProvider): void {
    this.providers.push(provider);
  }

  isTracked(owner: string): boolean {
    return this.tracked(owner);
  }

  list(): HeldOwner[] {
    return this.providers.flatMap((provider) => provider.owners());
  }

  isPinned(tenantId: string, owner: string): boolean {
    return this.providers.some((provider) => provider.isPinned?.(tenantId, owner) ?? false);
  }
}
