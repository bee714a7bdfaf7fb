/**
 * Names of top-level functions that Apps Script calls by string (menu items, triggers). Checked by the compiler
 * against src/main.ts's exports, so a rename cannot silently break a menu or a trigger.
 */
import type * as entryPoints from '../main';

type EntryPoint = keyof typeof entryPoints;

export const MENU_HANDLERS = {
  openSidebar: 'showSidebar',
  refreshAll: 'menuRefreshAll',
  runLog: 'showRunLog',
  diagnostics: 'showDiagnostics',
  help: 'showHelp',
} as const satisfies Record<string, EntryPoint>;

export const TRIGGER_HANDLERS = {
  scheduledRefresh: 'scheduledRefresh',
} as const satisfies Record<string, EntryPoint>;
