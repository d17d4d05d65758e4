import type { LocaleMessages } from '../locale-messages';
import type { en } from '../en';
import { appId } from './app';
import { tenantsId } from './tenants';
import { tagsId } from './tags';
import { settingsId } from './settings';
import { documentsId } from './documents';
import { apiIntegrationId } from './api-integration';
import { crmId } from './crm';
import { syncId } from './sync';
import { applyId } from './apply';
import { transferId } from './transfer';
import { historyId } from './history';
import { backendsId } from './backends';

/** Bahasa Indonesia UI text: the same keys as ../en (the type and a unit test both check it). */
export const id: LocaleMessages<typeof en> = {
  ...appId,
  ...tenantsId,
  ...tagsId,
  ...settingsId,
  ...documentsId,
  ...apiIntegrationId,
  ...crmId,
  ...syncId,
  ...applyId,
  ...transferId,
  ...historyId,
  ...backendsId,
};
