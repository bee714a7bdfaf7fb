/**
 * Names of top-level functions that Apps Script calls by string (menu items, triggers). Kept in one place so a
 * rename cannot silently break a menu; the build checks every name here is an exposed entry point.
 */
export const MENU_HANDLERS = {
  openSidebar: 'showSidebar',
  refreshAll: 'menuRefreshAll',
  runLog: 'showRunLog',
  diagnostics: 'showDiagnostics',
  help: 'showHelp',
} as const;

export const TRIGGER_HANDLERS = {
  scheduledRefresh: 'scheduledRefresh',
} as const;
