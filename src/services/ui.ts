/**
 * The add-on menu and the sidebar. onOpen may run in AuthMode.NONE (add-on installed but not yet used in this
 * document), where only menu building is allowed: nothing here reads properties or fetches.
 */
import { RunLogEntry } from '../core/schedule';
import { MENU_HANDLERS } from '../shared/entry-names';

const SIDEBAR_FILE = 'sidebar';
const SIDEBAR_TITLE = 'TrueClicks';

export function buildMenu(ui: GoogleAppsScript.Base.Ui = SpreadsheetApp.getUi()): void {
  ui.createAddonMenu()
    .addItem('Open TrueClicks', MENU_HANDLERS.openSidebar)
    .addItem('Refresh all imports now', MENU_HANDLERS.refreshAll)
    .addItem('Show refresh log', MENU_HANDLERS.runLog)
    .addItem('Check this spreadsheet', MENU_HANDLERS.diagnostics)
    .addSeparator()
    .addItem('Help / about', MENU_HANDLERS.help)
    .addToUi();
}

export function showSidebar(ui: GoogleAppsScript.Base.Ui = SpreadsheetApp.getUi()): void {
  ui.showSidebar(HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE));
}

export function alert(message: string, ui: GoogleAppsScript.Base.Ui = SpreadsheetApp.getUi()): void {
  ui.alert(SIDEBAR_TITLE, message, ui.ButtonSet.OK);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The run log as a small dialog (newest first). */
export function showRunLog(entries: RunLogEntry[], ui: GoogleAppsScript.Base.Ui = SpreadsheetApp.getUi()): void {
  const rows = entries.length
    ? entries
        .map((e) => {
          const what = e.message || `${e.refreshed} refreshed, ${e.failed} failed, ${e.skipped} left for later`;
          const failures = e.failures.map((f) => `<div class="f">${escapeHtml(f.sheetName)}: ${escapeHtml(f.message)}</div>`).join('');
          return `<tr><td>${escapeHtml(e.at.replace('T', ' ').slice(0, 16))} UTC</td><td>${e.trigger}</td><td>${escapeHtml(what)}${failures}</td></tr>`;
        })
        .join('')
    : '<tr><td colspan="3">No refresh has run yet.</td></tr>';
  const html =
    '<style>body{font:13px Arial,sans-serif}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #eee;padding:4px;vertical-align:top}.f{color:#d93025}</style>' +
    `<table><tr><th align="left">When</th><th align="left">How</th><th align="left">Outcome</th></tr>${rows}</table>`;
  ui.showModalDialog(HtmlService.createHtmlOutput(html).setWidth(640).setHeight(420), 'TrueClicks refresh log');
}
