import { z } from 'zod';
import type { CatalogSnapshot } from '../../../../shared/schemas/catalog';
import type { CrmCatalogSnapshot } from '../../../../shared/schemas/crm';
import { qontakDivisionSchema, qontakUserSchema } from '../../../../shared/wire/qontak/chat';
import { qontakDealFieldSchema, qontakPipelineSchema, qontakStageSchema } from '../../../../shared/wire/qontak/crm';
import { toCatalogSnapshot, toCrmCatalogSnapshot, type QontakPipelineWithStages } from '../../../../shared/wire/qontak/catalog-mapping';
import { QontakCatalogError } from '../../../../shared/wire/qontak/catalog-error';
import { QONTAK_PATHS } from '../../../../shared/wire/qontak/routes';
import { fillPath } from '../../../../shared/wire/http';
import type { QontakClient } from './qontak-client';
import { isQontakError, QontakError } from './qontak-error';

/**
 * A tenant's catalogs from Mekari's public routes: divisions and agents (every page), and the
 * CRM's pipelines with their stages, deal owners and sources. All or nothing: any failure throws
 * a QontakError and nothing is returned to write.
 */
export interface QontakCatalogs {
  catalog: CatalogSnapshot;
  /** 'not_connected' when the CRM routes answer 403/404 for this company (no CRM, or not linked). */
  crm: CrmCatalogSnapshot | 'not_connected';
  /** The sso_id the CRM requests were made for (null when the CRM was not asked). */
  actingSsoId: string | null;
}

export interface FetchQontakCatalogsOptions {
  /** The user the CRM acts for (X-Crm-User-Sso-Id); default: the first agent listed with an sso_id. */
  actingSsoId?: string | null;
  signal?: AbortSignal;
}

const pipelinesSchema = z.array(qontakPipelineSchema, { invalid_type_error: '"response" is not a list of pipelines' });
const stagesSchema = z.array(qontakStageSchema, { invalid_type_error: '"response" is not a list of stages' });
const dealFieldsSchema = z.array(qontakDealFieldSchema, { invalid_type_error: '"response" is not the deal form\'s list of fields' });

function asCatalogError(error: unknown): never {
  if (error instanceof QontakCatalogError) throw new QontakError('catalog_invalid', error.message, { platformCode: error.problem });
  throw error;
}

export async function fetchQontakCatalogs(client: QontakClient, options: FetchQontakCatalogsOptions = {}): Promise<QontakCatalogs> {
  const { signal } = options;
  const divisions = await client.listAll(QONTAK_PATHS.divisions, qontakDivisionSchema, { label: 'divisions', signal });
  const users = await client.listAll(QONTAK_PATHS.users, qontakUserSchema, { label: 'agents', query: { role: 'agent' }, signal });
  let catalog: CatalogSnapshot;
  try {
    catalog = toCatalogSnapshot(divisions, users);
  } catch (error) {
    asCatalogError(error);
  }

  const actingSsoId = options.actingSsoId ?? users.find((user) => user.sso_id)?.sso_id ?? null;
  let pipelines: z.output<typeof pipelinesSchema>;
  try {
    pipelines = await client.getCrm(QONTAK_PATHS.crmPipelines, pipelinesSchema, { ssoId: actingSsoId, signal });
  } catch (error) {
    if (isQontakError(error, 'forbidden') || isQontakError(error, 'not_found')) return { catalog, crm: 'not_connected', actingSsoId };
    throw error;
  }
  const withStages: QontakPipelineWithStages[] = [];
  for (const pipeline of pipelines) {
    const stages = await client.getCrm(fillPath(QONTAK_PATHS.crmPipelineStages, { id: pipeline.id }), stagesSchema, { ssoId: actingSsoId, signal });
    withStages.push({ pipeline, stages });
  }
  const fields = await client.getCrm(QONTAK_PATHS.crmDealsInfo, dealFieldsSchema, { ssoId: actingSsoId, signal });
  let crm: CrmCatalogSnapshot;
  try {
    crm = toCrmCatalogSnapshot(withStages, fields);
  } catch (error) {
    asCatalogError(error);
  }
  return { catalog, crm, actingSsoId };
}
