/**
 * The native menu from the same model the renderer draws as its menu bar (common/menu-model),
 * so the two never disagree. This module only translates; what a click does is decided by
 * routeMenuAction below and wired in main.ts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuGroup } from '../../common/menu-model';

export interface MenuTemplateOptions {
  /** process.platform; macOS gets an application menu and an Edit menu first */
  platform: NodeJS.Platform;
  appName: string;
  onAction: (action: MenuAction) => void;
}

function groupItems(group: MenuGroup, onAction: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  for (const entry of group.entries) {
    // A leading separator would draw an empty line at the top of the menu.
    if (entry.separatorBefore && items.length > 0) items.push({ type: 'separator' });
    items.push({ id: entry.id, label: entry.label, enabled: entry.enabled, click: () => onAction(entry.action) });
  }
  return items;
}

/** macOS puts About and Quit under the app's name, and only delivers ⌘C/⌘V to inputs through an Edit menu. */
function macMenus(opts: MenuTemplateOptions): MenuItemConstructorOptions[] {
  return [
    {
      label: opts.appName,
      submenu: [
        { id: 'mac-about', label: `关于 ${opts.appName}`, click: () => opts.onAction({ kind: 'about' }) },
        { type: 'separator' },
        { role: 'hide', label: `隐藏 ${opts.appName}` },
        { role: 'hideOthers', label: '隐藏其他' },
        { role: 'unhide', label: '全部显示' },
        { type: 'separator' },
        { id: 'mac-quit', label: `退出 ${opts.appName}`, accelerator: 'Command+Q', click: () => opts.onAction({ kind: 'quit' }) },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
  ];
}

export function menuTemplate(groups: readonly MenuGroup[], opts: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const model = groups.map((group): MenuItemConstructorOptions => ({ id: group.id, label: group.label, submenu: groupItems(group, opts.onAction) }));
  return opts.platform === 'darwin' ? [...macMenus(opts), ...model] : model;
}

export interface MenuActionHandlers {
  quit(): void;
  openContractQuery(): void;
  /** open an app's window (focus it if open) */
  openApp(name: string): void;
  /** everything else goes to the main window's renderer as the bridge event 'menu' */
  forward(action: MenuAction): void;
}

/** Quitting and opening 查询合约 or an app's window are window-level jobs the main process owns; the rest is the renderer's. */
export function routeMenuAction(action: MenuAction, handlers: MenuActionHandlers): void {
  switch (action.kind) {
    case 'quit':
      handlers.quit();
      return;
    case 'contract-query':
      handlers.openContractQuery();
      return;
    case 'open-app':
      handlers.openApp(action.app);
      return;
    default:
      handlers.forward(action);
  }
}
