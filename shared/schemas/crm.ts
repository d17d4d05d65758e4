import { z } from 'zod';
import { LIMITS } from './limits';
import { isoTimestampSchema } from './ids';
import { checkVisibleText, visibleName } from './text-fields';
import { encodeIssueMessage } from '../validation/issue-message';

/**
 * CRM Integration: deal settings, each tied to a chatbot bot
 * response, and the CRM catalog they refer to (connection status, pipelines with ordered stages,
 * owners, sources, bot responses).
 */
export const CRM_LIMITS = {
  /** `Deal name`, counted after trimming. */
  dealNameMax: 255,
  /** The text of a bot response as the chatbot catalog lists it. */
  botResponseTextMax: 4000,
} as const;

/** A catalog reference with a message of its own when it is missing or malformed. */
function reference(key: string) {
  return z.string({ required_error: key, invalid_type_error: key }).min(1, { message: key }).max(LIMITS.catalogIdMax, { message: 'catalogId.invalid' });
}
const optionalReference = (key: string) => reference(key).nullable();

export const dealSettingSchema = z
  .object({
    /** The bot response whose conversations create the deal; one deal setting per bot response. */
    botResponseId: reference('dealSetting.botResponse.required'),
    /** `Deal setting`: the toggle. A disabled deal setting may be incomplete. */
    enabled: z.boolean(),
    pipelineId: optionalReference('dealSetting.pipeline.required'),
    /** Must be a stage of `pipelineId` (checked against the catalog). */
    stageId: optionalReference('dealSetting.stage.required'),
    /** `Deal name`: kept as typed; must not be blank when enabled. */
    dealName: z.string({ required_error: 'dealSetting.dealName.required', invalid_type_error: 'dealSetting.dealName.required' }),
    ownerId: optionalReference('dealSetting.owner.required'),
    sourceId: optionalReference('dealSetting.source.required'),
    /** `Customer contact association`: link the customer's contact to the deal. */
    customerContactAssociation: z.boolean(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const name = value.dealName.trim();
    // The bound holds for drafts too: nothing longer can ever be published.
    if (name.length > CRM_LIMITS.dealNameMax) issue('dealName', encodeIssueMessage('dealSetting.dealName.tooLong', { max: CRM_LIMITS.dealNameMax }));
    else if (name.length > 0) checkVisibleText(name, ctx, { multiline: false }, ['dealName']);
    if (!value.enabled) return;
    if (!value.pipelineId) issue('pipelineId', 'dealSetting.pipeline.required');
    if (!value.stageId) issue('stageId', 'dealSetting.stage.required');
    if (name.length === 0) issue('dealName', 'dealSetting.dealName.required');
    if (!value.ownerId) issue('ownerId', 'dealSetting.owner.required');
    if (!value.sourceId) issue('sourceId', 'dealSetting.source.required');
  });

export type DealSetting = z.infer<typeof dealSettingSchema>;

/** A new deal setting for a bot response: disabled and empty until the user fills it in. */
export function newDealSetting(botResponseId: string): DealSetting {
  return { botResponseId, enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false };
}

// ---------------------------------------------------------------------------------------------
// The CRM catalog

const catalogId = z.string().min(1).max(LIMITS.catalogIdMax);
/** Names as the app stores and shows them: under the shared rule for user-visible text. */
const catalogName = visibleName(LIMITS.catalogNameMax);

export const crmConnectionSchema = z.object({ connected: z.boolean() }).strict();
export type CrmConnection = z.infer<typeof crmConnectionSchema>;

/** A stage names its pipeline, as the CRM lists it: that is what lets a broken list be caught. */
export const crmStageSchema = z.object({ id: catalogId, name: catalogName, pipelineId: catalogId }).strict();
export type CrmStage = z.infer<typeof crmStageSchema>;

/** A pipeline with its stages in the CRM's order. */
export const crmPipelineSchema = z.object({ id: catalogId, name: catalogName, stages: z.array(crmStageSchema) }).strict();
export type CrmPipeline = z.infer<typeof crmPipelineSchema>;

export const crmOwnerSchema = z.object({ id: catalogId, name: catalogName, email: z.string().max(320).optional() }).strict();
export type CrmOwner = z.infer<typeof crmOwnerSchema>;

export const crmSourceSchema = z.object({ id: catalogId, name: catalogName }).strict();
export type CrmSource = z.infer<typeof crmSourceSchema>;

/** A bot response of the chatbot's conversation flow: what a deal setting is attached to. */
const botResponseText = z
  .string()
  .max(CRM_LIMITS.botResponseTextMax)
  .superRefine((value, ctx) => {
    checkVisibleText(value, ctx, { multiline: true, allowEmpty: true });
  });
export const botResponseSchema = z.object({ id: catalogId, name: catalogName, text: botResponseText.optional() }).strict();
export type BotResponse = z.infer<typeof botResponseSchema>;

type Ctx = z.RefinementCtx;

type Path = (string | number)[];

function checkUniqueIds(ctx: Ctx, items: readonly { id: string }[], pathOf: (index: number) => Path, seen = new Set<string>()) {
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathOf(index), message: 'catalog.duplicateId' });
    seen.add(item.id);
  });
}

/**
 * Checks what the nested shape alone cannot: unique ids (stage ids across all pipelines), and
 * that every stage names the pipeline it is listed under. A stage naming a pipeline the catalog
 * does not have makes the whole list invalid, so a broken response never replaces a good cache.
 * `base` is where the list sits in the parsed value (issue paths start there).
 */
export function checkCrmPipelines(pipelines: readonly CrmPipeline[], ctx: Ctx, base: Path = []): void {
  checkUniqueIds(ctx, pipelines, (p) => [...base, p, 'id']);
  const pipelineIds = new Set(pipelines.map((pipeline) => pipeline.id));
  const stageIds = new Set<string>();
  pipelines.forEach((pipeline, p) => {
    checkUniqueIds(ctx, pipeline.stages, (s) => [...base, p, 'stages', s, 'id'], stageIds);
    pipeline.stages.forEach((stage, s) => {
      if (stage.pipelineId === pipeline.id) return;
      const message = pipelineIds.has(stage.pipelineId)
        ? encodeIssueMessage('crm.stage.pipelineMismatch', { name: stage.name, pipeline: pipeline.name })
        : encodeIssueMessage('crm.stage.pipelineUnknown', { name: stage.name, pipelineId: stage.pipelineId });
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...base, p, 'stages', s, 'pipelineId'], message });
    });
  });
}

/** What replaces a tenant's CRM catalog: the full current lists (empty CRM lists when not connected). */
export const crmCatalogSnapshotSchema = z
  .object({
    connected: z.boolean(),
    pipelines: z.array(crmPipelineSchema),
    owners: z.array(crmOwnerSchema),
    sources: z.array(crmSourceSchema),
    botResponses: z.array(botResponseSchema),
  })
  .strict()
  .superRefine((value, ctx) => {
    checkCrmPipelines(value.pipelines, ctx, ['pipelines']);
    for (const list of ['owners', 'sources', 'botResponses'] as const) checkUniqueIds(ctx, value[list], (index) => [list, index, 'id']);
  });
export type CrmCatalogSnapshot = z.infer<typeof crmCatalogSnapshotSchema>;

/**
 * The cached CRM catalog. Like the agents/divisions cache, entries the backend no longer lists are
 * kept with `removed: true`, so that a reference to them is named as last seen ("Stage “Won” of
 * pipeline “Sales” ..."). Stages are flat, in the CRM's order, each naming its pipeline.
 */
const withRemoved = { removed: z.boolean() };
export const crmCatalogViewSchema = z.object({
  /** Null until the connection status was first fetched. */
  connected: z.boolean().nullable(),
  pipelines: z.array(z.object({ id: catalogId, name: catalogName, ...withRemoved })),
  stages: z.array(crmStageSchema.extend(withRemoved)),
  owners: z.array(crmOwnerSchema.extend(withRemoved)),
  sources: z.array(crmSourceSchema.extend(withRemoved)),
  botResponses: z.array(botResponseSchema.extend(withRemoved)),
  /** When the catalog was last replaced; null when it never was. */
  fetchedAt: isoTimestampSchema.nullable(),
});
export type CrmCatalogView = z.infer<typeof crmCatalogViewSchema>;

export const EMPTY_CRM_CATALOG: CrmCatalogView = { connected: null, pipelines: [], stages: [], owners: [], sources: [], botResponses: [], fetchedAt: null };

/** Current entries first in the snapshot's order, then those no longer listed, marked removed. */
function mergeList<T extends { id: string }>(current: readonly T[], previous: readonly (T & { removed: boolean })[]): (T & { removed: boolean })[] {
  const listed = new Set(current.map((item) => item.id));
  return [
    ...current.map((item) => ({ ...item, removed: false })),
    ...previous.filter((item) => !listed.has(item.id)).map((item) => ({ ...item, removed: true })),
  ];
}

/** The cache after a successful fetch: the snapshot replaces the lists, removed entries are remembered. */
export function applyCrmSnapshot(previous: CrmCatalogView, snapshot: CrmCatalogSnapshot, fetchedAt: string): CrmCatalogView {
  return {
    connected: snapshot.connected,
    pipelines: mergeList(snapshot.pipelines.map(({ id, name }) => ({ id, name })), previous.pipelines),
    stages: mergeList(snapshot.pipelines.flatMap((pipeline) => pipeline.stages), previous.stages),
    owners: mergeList(snapshot.owners, previous.owners),
    sources: mergeList(snapshot.sources, previous.sources),
    botResponses: mergeList(snapshot.botResponses, previous.botResponses),
    fetchedAt,
  };
}

/** The stages the `Stage` field offers for a pipeline: current ones, in the CRM's order. */
export function stagesOfPipeline(catalog: CrmCatalogView, pipelineId: string | null): CrmCatalogView['stages'] {
  if (!pipelineId) return [];
  return catalog.stages.filter((stage) => stage.pipelineId === pipelineId && !stage.removed);
}
