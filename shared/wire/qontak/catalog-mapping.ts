import { LIMITS } from '../../schemas/limits';
import { catalogSnapshotSchema, type Agent, type CatalogSnapshot, type Division } from '../../schemas/catalog';
import { crmCatalogSnapshotSchema, type CrmCatalogSnapshot, type CrmOwner, type CrmPipeline, type CrmSource } from '../../schemas/crm';
import type { QontakDivision, QontakUser } from './chat';
import type { QontakDealField, QontakPipeline, QontakStage } from './crm';
import { QONTAK_DEAL_FIELDS } from './routes';
import { QontakCatalogError } from './catalog-error';

/**
 * Qontak's answers → the app's catalog shapes (shared/schemas/catalog.ts, crm.ts). Everything is
 * checked before anything is returned, so a caller either gets a whole valid snapshot or a
 * QontakCatalogError that names the entry: never half a catalog.
 */

function clipName(name: string): string {
  const trimmed = name.trim();
  return trimmed.length > LIMITS.catalogNameMax ? `${trimmed.slice(0, LIMITS.catalogNameMax - 1)}…` : trimmed;
}

function requireName(what: string, id: string, name: string | null | undefined): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new QontakCatalogError('entry_without_name', `The ${what} with id ${id} has no name, so it cannot be offered in the pickers. Nothing was saved from this answer.`);
  }
  return clipName(name);
}

function requireId(what: string, position: number, id: string | number | null | undefined, name: string | null | undefined): string {
  const text = id === null || id === undefined ? '' : String(id).trim();
  if (text === '' || text.length > LIMITS.catalogIdMax) {
    const label = name ? `“${name}”` : `number ${position + 1}`;
    throw new QontakCatalogError('entry_without_id', `The ${what} ${label} has no usable id. Nothing was saved from this answer.`);
  }
  return text;
}

function firstIssue(error: { issues: { path: (string | number)[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem';
}

function optionalEmail(email: string | null | undefined): string | undefined {
  const text = email?.trim();
  return text && text.length <= 320 ? text : undefined;
}

/** Divisions and agents (only users whose role is agent: the route is asked with role=agent). */
export function toCatalogSnapshot(divisions: readonly QontakDivision[], users: readonly QontakUser[]): CatalogSnapshot {
  const mappedDivisions: Division[] = divisions.map((division) => ({ id: division.id, name: requireName('division', division.id, division.name) }));
  const membership = new Map<string, string[]>();
  for (const division of divisions) {
    for (const user of division.users ?? []) membership.set(user.id, [...(membership.get(user.id) ?? []), division.id]);
  }
  const agents: Agent[] = users
    .filter((user) => !user.role || user.role === 'agent')
    .map((user) => {
      const divisionIds = [...new Set([...(user.divisions ?? []).map((d) => d.id), ...(membership.get(user.id) ?? [])])];
      const agent: Agent = { id: user.id, name: requireName('agent', user.id, user.full_name), divisionIds };
      const email = optionalEmail(user.email);
      if (email) agent.email = email;
      if (typeof user.is_online === 'boolean') agent.online = user.is_online;
      return agent;
    });
  const parsed = catalogSnapshotSchema.safeParse({ divisions: mappedDivisions, agents });
  if (!parsed.success) throw new QontakCatalogError('invalid_catalog', `The divisions and agents cannot be used (${firstIssue(parsed.error)}). Nothing was saved from this answer.`);
  return parsed.data;
}

/** One pipeline's stages as the CRM listed them for that pipeline. */
export interface QontakPipelineWithStages {
  pipeline: QontakPipeline;
  stages: readonly QontakStage[];
}

function mapPipelines(lists: readonly QontakPipelineWithStages[]): CrmPipeline[] {
  const pipelineNames = new Map(lists.map(({ pipeline }) => [pipeline.id, pipeline.name]));
  return lists.map(({ pipeline, stages }) => {
    const name = requireName('CRM pipeline', pipeline.id, pipeline.name);
    const ordered = stages.some((stage) => typeof stage.order === 'number') ? [...stages].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity)) : stages;
    return {
      id: pipeline.id,
      name,
      stages: ordered.map((stage) => {
        const stageName = requireName(`stage of pipeline “${name}”`, stage.id, stage.name);
        const named = stage.pipeline_id ?? stage.crm_pipeline_id ?? pipeline.id;
        if (named !== pipeline.id) {
          if (!pipelineNames.has(named)) {
            throw new QontakCatalogError(
              'stage_pipeline_unknown',
              `The CRM lists stage “${stageName}” (id ${stage.id}) under pipeline “${name}”, but the stage names pipeline ${named}, which the CRM does not list. Nothing was saved from this answer.`,
            );
          }
          throw new QontakCatalogError(
            'stage_pipeline_mismatch',
            `The CRM lists stage “${stageName}” (id ${stage.id}) under pipeline “${name}”, but the stage names pipeline “${pipelineNames.get(named) ?? named}”. Nothing was saved from this answer.`,
          );
        }
        return { id: stage.id, name: stageName, pipelineId: pipeline.id };
      }),
    };
  });
}

function dropdownOf(fields: readonly QontakDealField[], fieldName: string, label: string): NonNullable<QontakDealField['dropdown']> {
  const field = fields.find((candidate) => candidate.name === fieldName);
  if (!field) {
    throw new QontakCatalogError('deal_field_missing', `The CRM's deal form has no ${label} field (${fieldName}), so deal ${label.toLowerCase()}s cannot be listed. Nothing was saved from this answer.`);
  }
  return field.dropdown ?? [];
}

/** Pipelines with their stages, owners (deal form field creator_id), sources (crm_source_id). */
export function toCrmCatalogSnapshot(pipelines: readonly QontakPipelineWithStages[], dealFields: readonly QontakDealField[]): CrmCatalogSnapshot {
  const mappedPipelines = mapPipelines(pipelines);
  const owners: CrmOwner[] = dropdownOf(dealFields, QONTAK_DEAL_FIELDS.owner, 'Owner').map((entry, index) => {
    const id = requireId('deal owner', index, entry.id, entry.name);
    const owner: CrmOwner = { id, name: requireName('deal owner', id, entry.name) };
    const email = optionalEmail(entry.email);
    if (email) owner.email = email;
    return owner;
  });
  const sources: CrmSource[] = dropdownOf(dealFields, QONTAK_DEAL_FIELDS.source, 'Source').map((entry, index) => {
    const id = requireId('deal source', index, entry.id, entry.name);
    return { id, name: requireName('deal source', id, entry.name) };
  });
  const parsed = crmCatalogSnapshotSchema.safeParse({ connected: true, pipelines: mappedPipelines, owners, sources, botResponses: [] });
  if (!parsed.success) throw new QontakCatalogError('invalid_catalog', `The CRM catalog cannot be used (${firstIssue(parsed.error)}). Nothing was saved from this answer.`);
  return parsed.data;
}

/** The CRM catalog of a tenant whose CRM is not connected: empty lists. */
export const QONTAK_CRM_NOT_CONNECTED: CrmCatalogSnapshot = { connected: false, pipelines: [], owners: [], sources: [], botResponses: [] };
