import { WEB_APP_ACTIONS, WEB_APP_AREAS, WEB_APP_FIELDS, WEB_APP_MENU, WEB_APP_OPTIONS } from '../../../../shared/change-sheet/web-app-terms';
import type { ChangeSheet, SheetStep, SheetValue } from '../../../../shared/change-sheet/change-sheet';

/** The app's own sentences of a sheet (translated); the platform's words come from web-app-terms unchanged. */
export type SheetT = (key: string, params?: Record<string, unknown>) => string;

/** `Chatbot › Chatbot settings › AI Response`: where the step happens in the web app. */
export function menuPath(step: Pick<SheetStep, 'area'>): string {
  return [...WEB_APP_MENU, WEB_APP_AREAS[step.area]].join(' › ');
}

export function fieldLabel(field: keyof typeof WEB_APP_FIELDS): string {
  return WEB_APP_FIELDS[field];
}

export function actionLabel(action: keyof typeof WEB_APP_ACTIONS): string {
  return WEB_APP_ACTIONS[action];
}

/** A value as the person types or picks it in the web app. */
export function valueText(value: SheetValue, t: SheetT): string {
  switch (value.type) {
    case 'text':
      return value.text;
    case 'number':
      return String(value.value);
    case 'option':
      return WEB_APP_OPTIONS[value.option];
    case 'reference':
      return value.name ?? t('backends.sheet.notInCatalog');
    case 'duration':
      return t('backends.sheet.duration', { hours: value.hours, minutes: value.minutes });
    case 'toggle':
      return value.on ? t('backends.sheet.on') : t('backends.sheet.off');
    case 'empty':
      return t('backends.sheet.empty');
    case 'secret':
      return t('backends.sheet.secret');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The sheets as one standalone HTML page (no script, no secret: a secret line says where to paste). */
export function sheetsAsHtml(sheets: readonly ChangeSheet[], t: SheetT, lang: string): string {
  const parts: string[] = [];
  for (const sheet of sheets) {
    parts.push(`<section><h2>${escapeHtml(t('backends.sheet.tenant', { name: sheet.tenantName }))}</h2>`);
    if (sheet.steps.length === 0) parts.push(`<p>${escapeHtml(t('backends.sheet.nothing'))}</p>`);
    for (const step of sheet.steps) {
      parts.push(`<h3>${escapeHtml(t('backends.sheet.where', { path: menuPath(step) }))}</h3>`);
      if (step.target) parts.push(`<p><strong>${escapeHtml(t(`backends.sheet.change.${step.target.change}`, { name: step.target.name }))}</strong></p>`);
      if (step.start) parts.push(`<p>${escapeHtml(t('backends.sheet.start', { action: actionLabel(step.start) }))}</p>`);
      if (step.lines.length > 0) {
        parts.push('<ul>');
        for (const line of step.lines) {
          const before = line.before ? ` <small>(${escapeHtml(t('backends.sheet.was', { value: valueText(line.before, t) }))})</small>` : '';
          parts.push(`<li>☐ <strong>${escapeHtml(fieldLabel(line.field))}</strong>: ${escapeHtml(valueText(line.value, t))}${before}</li>`);
        }
        parts.push('</ul>');
      }
      if (step.finish) parts.push(`<p>${escapeHtml(t('backends.sheet.finish', { action: actionLabel(step.finish) }))}</p>`);
    }
    if (sheet.heldBack.length > 0) {
      parts.push(`<h3>${escapeHtml(t('backends.sheet.heldBack'))}</h3><ul>`);
      for (const held of sheet.heldBack) parts.push(`<li>${escapeHtml(`${WEB_APP_AREAS[held.area]} · ${held.name}: ${t(`backends.sheet.heldBackReason.${held.reason}`)}`)}</li>`);
      parts.push('</ul>');
    }
    parts.push('</section>');
  }
  const title = escapeHtml(t('backends.sheet.title'));
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${title}</title><style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}li{margin:.3rem 0}section{page-break-after:always}</style></head><body><h1>${title}</h1>${parts.join('')}</body></html>`;
}
