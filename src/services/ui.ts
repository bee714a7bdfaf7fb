/**
 * The add-on menu and the sidebar. onOpen may run in AuthMode.NONE (add-on installed but not yet used in this
 * document), where only menu building is allowed: nothing here reads properties or fetches.
 */
import { MENU_HANDLERS } from '../shared/entry-names';

export const SIDEBAR_FILE = 'sidebar';
export const SIDEBAR_TITLE = 'TrueClicks';

export function buildMenu(ui: GoogleAppsScript.Base.Ui = SpreadsheetApp.getUi()): void {
  ui.createAddonMenu()
    .addItem('Open TrueClicks', MENU_HANDLERS.openSidebar)
    .addItem('Refresh all imports now', MENU_HANDLERS.refreshAll)
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
