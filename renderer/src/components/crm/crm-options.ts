import { stagesOfPipeline, type CrmCatalogView } from '../../../../shared/schemas/crm';
import type { PickerOption } from '../form/catalog-options';

/** From this many options on, a picker is searchable (a combobox) rather than a plain list. */
export const SEARCHABLE_FROM = 8;

type NamedList = 'pipelines' | 'owners' | 'sources' | 'botResponses';

/** The current choice, when the list no longer offers it: shown so the user sees what is wrong. */
function withCurrent(options: PickerOption[], all: readonly { id: string; name: string }[], current: string | null): PickerOption[] {
  if (!current || options.some((option) => option.id === current)) return options;
  const known = all.find((entry) => entry.id === current);
  return [...options, known ? { id: current, name: known.name, missing: 'removed' } : { id: current, name: current, missing: 'unknown' }];
}

/** A CRM list's current entries, in the CRM's order, plus the current choice when it is gone. */
export function crmOptions(catalog: CrmCatalogView, list: NamedList, current: string | null): PickerOption[] {
  const entries: readonly { id: string; name: string; removed: boolean }[] = catalog[list];
  const options = entries.filter((entry) => !entry.removed).map((entry): PickerOption => ({ id: entry.id, name: entry.name, missing: null }));
  return withCurrent(options, entries, current);
}

/**
 * The stages `Stage` offers: only the chosen pipeline's, in the CRM's order. The current stage is
 * added (marked) only when it belongs to that pipeline but the CRM dropped it.
 */
export function stageOptions(catalog: CrmCatalogView, pipelineId: string | null, current: string | null): PickerOption[] {
  const options = stagesOfPipeline(catalog, pipelineId).map((stage): PickerOption => ({ id: stage.id, name: stage.name, missing: null }));
  const ofPipeline = catalog.stages.filter((stage) => stage.pipelineId === pipelineId);
  const known = catalog.stages.some((stage) => stage.id === current);
  return known && !ofPipeline.some((stage) => stage.id === current) ? options : withCurrent(options, ofPipeline, current);
}

/** Whether a stage may stay when the pipeline changes to `pipelineId`. */
export function stageBelongs(catalog: CrmCatalogView, stageId: string | null, pipelineId: string | null): boolean {
  if (!stageId) return true;
  return catalog.stages.some((stage) => stage.id === stageId && stage.pipelineId === pipelineId);
}

/** An entry's name as last seen, or its id. */
export function nameOf(catalog: CrmCatalogView, list: NamedList | 'stages', id: string | null): string | null {
  if (!id) return null;
  const entries: readonly { id: string; name: string }[] = catalog[list];
  return entries.find((entry) => entry.id === id)?.name ?? id;
}
