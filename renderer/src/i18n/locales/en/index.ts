import { appEn } from './app';
import { tenantsEn } from './tenants';
import { tagsEn } from './tags';
import { settingsEn } from './settings';
import { documentsEn } from './documents';
import { apiIntegrationEn } from './api-integration';
import { crmEn } from './crm';
import { syncEn } from './sync';
import { applyEn } from './apply';
import { transferEn } from './transfer';
import { historyEn } from './history';
import { backendsEn } from './backends';

/**
 * English UI text, one file per area. In vue-i18n's syntax `{name}` interpolates and `@`, `|`, `$`
 * mean more, so plain text avoids them (a unit test checks). Validation messages are not here: they
 * come from shared/validation/messages-en.ts (see ../../validation-text.ts).
 */
export const en = {
  ...appEn,
  ...tenantsEn,
  ...tagsEn,
  ...settingsEn,
  ...documentsEn,
  ...apiIntegrationEn,
  ...crmEn,
  ...syncEn,
  ...applyEn,
  ...transferEn,
  ...historyEn,
  ...backendsEn,
};
