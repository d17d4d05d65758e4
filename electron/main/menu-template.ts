import type { MenuItemConstructorOptions } from 'electron';

export interface MenuTemplateInput {
  isDev: boolean;
  isMac: boolean;
  /** Help → "Export diagnostics…" (the item is there only when given). */
  onExportDiagnostics?: () => void;
}

/** A small application menu: editing by roles (copy/paste/undo work in fields), view, window, help (with Export diagnostics). */
export function buildMenuTemplate({ isDev, isMac, onExportDiagnostics }: MenuTemplateInput): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  if (!isMac) template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(isDev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  const diagnostics: MenuItemConstructorOptions[] = onExportDiagnostics ? [{ label: 'Export diagnostics…', click: () => onExportDiagnostics() }, { type: 'separator' }] : [];
  template.push({ role: 'help', submenu: [...diagnostics, { role: 'about' }] });
  return template;
}
