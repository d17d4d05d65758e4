import { toPointer } from '../../../../shared/logic/json-path';
import { changedPaths } from '../../../../shared/logic/three-way-merge';
import type { CrmCatalogView } from '../../../../shared/schemas/crm';
import { dealSettingPublishIssues } from '../../crm/deal-setting-issues';
import { readDealSetting } from '../../crm/deal-setting-rows';
import type { CollectionPlanHooks } from './collection-plan';

export interface DealSettingPlanDeps {
  /** The tenant's cached CRM catalog now. */
  crmCatalog(tenantId: string): CrmCatalogView;
}

/**
 * How the publish plan judges deal settings: against the cached CRM catalog (connected, and every
 * reference still there; a deletion needs the CRM only); the plan names one by its bot response.
 */
export function dealSettingPlanHooks(deps: DealSettingPlanDeps): CollectionPlanHooks {
  return {
    judge(tenantId) {
      const catalog = deps.crmCatalog(tenantId);
      return (row) => {
        const draft = readDealSetting(row.draft_json, row);
        const base = row.base_json === null ? {} : readDealSetting(row.base_json, row);
        const issues = dealSettingPublishIssues(draft, row.deleted === 1, catalog);
        const botResponse = catalog.botResponses.find((candidate) => candidate.id === draft.botResponseId);
        return { issues, fields: changedPaths(base, draft).map(toPointer), label: botResponse?.name };
      };
    },
  };
}
