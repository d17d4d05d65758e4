import { z } from 'zod';
import type { CrmCatalogView, DealSetting } from '../schemas/crm';
import type { ReferenceIssue } from './catalog-references';
import { encodeIssueMessage } from './issue-message';

/**
 * Checks a deal setting's references against the cached CRM catalog, the way
 * catalog-references.ts does for agents and divisions: a missing entry is named as last seen
 * (a stage by its name and its pipeline's name), and a stage must belong to the chosen pipeline.
 * References are checked whenever they are set, enabled or not: a draft pointing at a stage the
 * CRM dropped cannot be published either.
 */
type NamedList = 'pipelines' | 'owners' | 'sources' | 'botResponses';
const KEY: Record<NamedList, string> = { pipelines: 'ref.pipeline', owners: 'ref.owner', sources: 'ref.source', botResponses: 'ref.botResponse' };

function checkNamed(catalog: CrmCatalogView, list: NamedList, id: string | null, path: string): ReferenceIssue[] {
  if (!id) return [];
  const entry = catalog[list].find((item) => item.id === id);
  if (entry && !entry.removed) return [];
  if (entry) return [{ path: [path], message: encodeIssueMessage(`${KEY[list]}.removed`, { name: entry.name }) }];
  return [{ path: [path], message: encodeIssueMessage(`${KEY[list]}.unknown`, { id }) }];
}

/** The pipeline's name as last seen, or its id when the catalog never listed it. */
function pipelineName(catalog: CrmCatalogView, pipelineId: string): string {
  return catalog.pipelines.find((pipeline) => pipeline.id === pipelineId)?.name ?? pipelineId;
}

function checkStage(catalog: CrmCatalogView, stageId: string | null, pipelineId: string | null): ReferenceIssue[] {
  if (!stageId) return [];
  const stage = catalog.stages.find((item) => item.id === stageId);
  if (!stage) return [{ path: ['stageId'], message: encodeIssueMessage('ref.stage.unknown', { id: stageId }) }];
  const params = { name: stage.name, pipeline: pipelineName(catalog, stage.pipelineId) };
  if (stage.removed) return [{ path: ['stageId'], message: encodeIssueMessage('ref.stage.removed', params) }];
  if (pipelineId && stage.pipelineId !== pipelineId) {
    return [{ path: ['stageId'], message: encodeIssueMessage('ref.stage.wrongPipeline', { name: stage.name, pipeline: pipelineName(catalog, pipelineId) }) }];
  }
  return [];
}

export function dealSettingReferenceIssues(value: DealSetting, catalog: CrmCatalogView): ReferenceIssue[] {
  return [
    ...checkNamed(catalog, 'botResponses', value.botResponseId, 'botResponseId'),
    ...checkNamed(catalog, 'pipelines', value.pipelineId, 'pipelineId'),
    ...checkStage(catalog, value.stageId, value.pipelineId),
    ...checkNamed(catalog, 'owners', value.ownerId, 'ownerId'),
    ...checkNamed(catalog, 'sources', value.sourceId, 'sourceId'),
  ];
}

/** The deal setting schema plus the catalog check: what the form, the core and sync validate against. */
export function withCrmReferences<S extends z.ZodType<DealSetting, z.ZodTypeDef, unknown>>(schema: S, catalog: CrmCatalogView) {
  return schema.superRefine((value, ctx) => {
    for (const issue of dealSettingReferenceIssues(value, catalog)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    }
  });
}
