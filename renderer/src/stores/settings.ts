import { markRaw } from 'vue';
import { defineStore } from 'pinia';
import type { SingletonDocumentView, SingletonDraftInput, SingletonKind, ValidationIssue } from '../../../shared/schemas/settings-document';
import { isRpcClientError } from '../api/rpc-client-error';
import { Debouncer } from '../lib/debouncer';
import { LatestWinsQueue } from '../lib/latest-wins-queue';
import { cloneJson, sameJson } from '../lib/clone';

/** Autosave waits this long after the last edit (the product asks for at most 300 ms). */
export const AUTOSAVE_DELAY_MS = 250;

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';
export type FormValues = Record<string, unknown>;

export interface SaveError {
  code: string;
  message: string;
  issues: ValidationIssue[];
}

export interface SettingsEntry {
  tenantId: string;
  kind: SingletonKind;
  /** The document as the core last reported it. */
  view: SingletonDocumentView | null;
  /** What the form holds, valid or not: kept here so that leaving the page loses nothing. */
  values: FormValues | null;
  formInvalid: boolean;
  /** An edit is waiting for the debounce or a save is in flight. */
  saving: boolean;
  saveError: SaveError | null;
  savedOnce: boolean;
  /** Bumped when values are replaced from outside the form (discard, another window's edit). */
  resetCount: number;
}

interface Machinery {
  debouncer: Debouncer<unknown>;
  queue: LatestWinsQueue<unknown>;
  lastAttempt: { draft: unknown } | null;
}

export function settingsKey(tenantId: string, kind: SingletonKind): string {
  return `${tenantId}/${kind}`;
}

function toSaveError(error: unknown): SaveError {
  if (isRpcClientError(error)) return { code: error.code, message: error.message, issues: error.issues };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), issues: [] };
}

/**
 * Settings documents per tenant and kind: the view from the core, the form's values and the
 * autosave state. Saves are debounced, then serialized per document (one in flight, the latest
 * waiting value wins).
 */
export const useSettingsStore = defineStore('settingsStore', {
  state: () => ({
    entries: {} as Record<string, SettingsEntry>,
    machinery: markRaw(new Map<string, Machinery>()),
  }),

  getters: {
    entry: (state) => (tenantId: string, kind: SingletonKind): SettingsEntry | undefined => state.entries[settingsKey(tenantId, kind)],
    statusOf:
      (state) =>
      (tenantId: string, kind: SingletonKind): SaveStatus => {
        const entry = state.entries[settingsKey(tenantId, kind)];
        if (!entry) return 'idle';
        if (entry.formInvalid) return 'invalid';
        if (entry.saving) return 'saving';
        if (entry.saveError) return entry.saveError.code === 'INVALID_INPUT' ? 'invalid' : 'failed';
        return entry.savedOnce ? 'saved' : 'idle';
      },
  },

  actions: {
    /** Loads a document unless this session already holds it (then its in-memory edits stay). */
    async hydrate(tenantId: string, kind: SingletonKind): Promise<SettingsEntry> {
      const key = settingsKey(tenantId, kind);
      const existing = this.entries[key];
      if (existing?.values) return existing;
      const view = await this.rpc.call('settings.get', { tenantId, kind });
      const current = this.entries[key];
      if (current?.values) return current; // a concurrent hydrate won
      this.entries[key] = {
        tenantId,
        kind,
        view,
        values: cloneJson(view.draft) as FormValues,
        formInvalid: false,
        saving: false,
        saveError: null,
        savedOnce: false,
        resetCount: 0,
      };
      return this.entries[key];
    },

    machineryFor(tenantId: string, kind: SingletonKind): Machinery {
      const key = settingsKey(tenantId, kind);
      let machinery = this.machinery.get(key);
      if (!machinery) {
        const queue = new LatestWinsQueue<unknown>((draft) => this.saveNow(tenantId, kind, draft));
        const created: Machinery = {
          queue,
          lastAttempt: null,
          debouncer: new Debouncer<unknown>(AUTOSAVE_DELAY_MS, (draft) => {
            void queue.push(draft).then(() => this.settle(tenantId, kind));
          }),
        };
        machinery = created;
        this.machinery.set(key, machinery);
      }
      return machinery;
    },

    /**
     * The form changed. `validDraft` is the parsed value when the form validates, null when it
     * does not (then nothing is saved and the status says so).
     */
    edit(tenantId: string, kind: SingletonKind, values: FormValues, validDraft: unknown | null) {
      const entry = this.entries[settingsKey(tenantId, kind)];
      if (!entry) return;
      entry.values = cloneJson(values);
      const machinery = this.machineryFor(tenantId, kind);
      if (validDraft === null) {
        machinery.debouncer.cancel();
        entry.formInvalid = true;
        entry.saving = machinery.queue.busy;
        return;
      }
      entry.formInvalid = false;
      if (entry.view && sameJson(validDraft, entry.view.draft) && !machinery.queue.busy && !machinery.debouncer.pending) {
        return; // nothing new to save (e.g. the form was just reset to what the core has)
      }
      entry.saving = true;
      machinery.debouncer.schedule(cloneJson(validDraft));
    },

    async saveNow(tenantId: string, kind: SingletonKind, draft: unknown): Promise<void> {
      const entry = this.entries[settingsKey(tenantId, kind)];
      const machinery = this.machineryFor(tenantId, kind);
      machinery.lastAttempt = { draft };
      try {
        const view = await this.rpc.call('settings.saveDraft', { tenantId, kind, draft } as SingletonDraftInput);
        if (entry) {
          entry.view = view;
          entry.saveError = null;
          entry.savedOnce = true;
        }
      } catch (error) {
        if (entry) entry.saveError = toSaveError(error);
      }
    },

    settle(tenantId: string, kind: SingletonKind) {
      const entry = this.entries[settingsKey(tenantId, kind)];
      const machinery = this.machinery.get(settingsKey(tenantId, kind));
      if (entry && machinery && !machinery.queue.busy && !machinery.debouncer.pending) entry.saving = false;
    },

    /** Saves what waits for the debounce now, and resolves when no save is in flight. */
    async flush(tenantId: string, kind: SingletonKind): Promise<void> {
      const machinery = this.machinery.get(settingsKey(tenantId, kind));
      if (!machinery) return;
      machinery.debouncer.flush();
      await machinery.queue.idle();
      this.settle(tenantId, kind);
    },

    async flushAll(): Promise<void> {
      await Promise.all(Object.values(this.entries).map((entry) => this.flush(entry.tenantId, entry.kind)));
    },

    /** Tries the last failed save again. */
    async retry(tenantId: string, kind: SingletonKind): Promise<void> {
      const machinery = this.machineryFor(tenantId, kind);
      const entry = this.entries[settingsKey(tenantId, kind)];
      if (!machinery.lastAttempt || !entry) return;
      entry.saving = true;
      await machinery.queue.push(machinery.lastAttempt.draft);
      this.settle(tenantId, kind);
    },

    /** Drops the draft in the core; the form goes back to the base (or the defaults). */
    async discard(tenantId: string, kind: SingletonKind): Promise<void> {
      const key = settingsKey(tenantId, kind);
      const machinery = this.machineryFor(tenantId, kind);
      machinery.debouncer.cancel();
      await machinery.queue.idle();
      const view = await this.rpc.call('settings.discardDraft', { tenantId, kind });
      const entry = this.entries[key];
      if (!entry) return;
      entry.view = view;
      entry.values = cloneJson(view.draft) as FormValues;
      entry.formInvalid = false;
      entry.saving = false;
      entry.saveError = null;
      entry.savedOnce = false;
      entry.resetCount++;
      machinery.lastAttempt = null;
    },

    /**
     * Something changed the tenant outside this form (another window, a sync). Documents the user
     * is not in the middle of editing take the core's state; the others keep the user's edits.
     */
    async refreshTenant(tenantId: string): Promise<void> {
      for (const entry of Object.values(this.entries)) {
        if (entry.tenantId !== tenantId) continue;
        const inSync = () => !entry.saving && !entry.formInvalid && !!entry.view && sameJson(entry.values, entry.view.draft);
        if (!inSync()) continue;
        let view: SingletonDocumentView;
        try {
          view = await this.rpc.call('settings.get', { tenantId, kind: entry.kind });
        } catch {
          continue;
        }
        if (!inSync()) continue;
        const changed = !sameJson(view.draft, entry.values);
        entry.view = view;
        if (changed) {
          entry.values = cloneJson(view.draft) as FormValues;
          entry.resetCount++;
        }
      }
    },

    forgetTenant(tenantId: string) {
      for (const [key, entry] of Object.entries(this.entries)) {
        if (entry.tenantId !== tenantId) continue;
        this.machinery.get(key)?.debouncer.cancel();
        this.machinery.delete(key);
        delete this.entries[key];
      }
    },

    dehydrate() {
      for (const machinery of this.machinery.values()) machinery.debouncer.cancel();
      this.machinery.clear();
      this.entries = {};
    },
  },
});
