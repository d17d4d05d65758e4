import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../electron/main/menu-template';

function roles(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (item.role ? [item.role] : []));
}
function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  return (template.find((item) => item.label === label)?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  it('has Edit with the editing roles, View, Window and Help', () => {
    const template = buildMenuTemplate({ isDev: false, isMac: false });
    expect(roles(submenu(template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('offers reload and devtools only in development', () => {
    expect(roles(submenu(buildMenuTemplate({ isDev: false, isMac: false }), 'View'))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(submenu(buildMenuTemplate({ isDev: false, isMac: false }), 'View'))).not.toContain('toggleDevTools');
    expect(roles(submenu(buildMenuTemplate({ isDev: true, isMac: false }), 'View'))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows macOS convention with the app menu first', () => {
    const template = buildMenuTemplate({ isDev: false, isMac: true });
    expect(template[0]?.role).toBe('appMenu');
    expect(template.some((item) => item.label === 'File')).toBe(false);
  });
});

describe('Help → Export diagnostics…', () => {
  it('is offered when the shell gives a handler, and calls it', () => {
    let clicked = 0;
    const template = buildMenuTemplate({ isDev: false, isMac: false, onExportDiagnostics: () => clicked++ });
    const help = (template.find((item) => item.role === 'help')?.submenu ?? []) as MenuItemConstructorOptions[];
    const item = help.find((entry) => entry.label === 'Export diagnostics…');
    expect(item).toBeDefined();
    (item!.click as () => void)();
    expect(clicked).toBe(1);
    expect(roles(help)).toContain('about');
  });
});
