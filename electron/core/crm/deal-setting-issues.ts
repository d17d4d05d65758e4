import type { CrmCatalogView, DealSetting } from '../../../shared/schemas/crm';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { dealSettingReferenceIssues } from '../../../shared/validation/crm-references';

/** The issue a deal setting carries while the tenant's CRM is not connected (or not known to be). */
export const CRM_NOT_CONNECTED_ISSUE: ValidationIssue = { path: [], message: 'crm.notConnected' };

/**
 * What holds a deal setting back from publishing, judged against the cached CRM catalog now: a
 * CRM that is not connected, or a reference the catalog no longer has (named as last seen). A
 * deletion only needs the CRM: what it pointed at does not matter any more.
 */
export function dealSettingPublishIssues(draft: DealSetting, deleted: boolean, catalog: CrmCatalogView): ValidationIssue[] {
  if (catalog.connected !== true) return [CRM_NOT_CONNECTED_ISSUE];
  if (deleted) return [];
  return dealSettingReferenceIssues(draft, catalog);
}
