/**
 * What each authorization mode may call. One table, so reviewers can check it against
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle and
 * https://developers.google.com/apps-script/guides/sheets/functions (see appsscript-facts.md §1, §6).
 *
 * - NONE (onOpen before the add-on is used in this document): only building menus. Everything that
 *   needs authorization throws "You do not have permission to call X".
 * - LIMITED (simple triggers in a document where the add-on is enabled): the current document,
 *   Properties, Cache, Lock and menus; no UrlFetch, no dialogs/sidebars, no installable triggers.
 *   (Simple triggers "cannot access services that require authorization".)
 * - CUSTOM_FUNCTION: read-only Spreadsheet, Properties (user store = the spreadsheet OWNER's), Cache,
 *   Lock, UrlFetch, Utilities. No UI (getUi throws "Cannot call SpreadsheetApp.getUi() from this
 *   context."), no ScriptApp triggers.
 * - FULL: everything.
 */
import { AuthModeName, GasContext } from './context';

export type Capability =
  | 'spreadsheet.read'
  | 'spreadsheet.write'
  | 'properties'
  | 'cache'
  | 'lock'
  | 'urlfetch'
  | 'ui.menu'
  | 'ui.dialog'
  | 'triggers'
  | 'authinfo';

const ALL: Capability[] = [
  'spreadsheet.read', 'spreadsheet.write', 'properties', 'cache', 'lock', 'urlfetch',
  'ui.menu', 'ui.dialog', 'triggers', 'authinfo',
];

const ALLOWED: Record<AuthModeName, readonly Capability[]> = {
  FULL: ALL,
  LIMITED: ['spreadsheet.read', 'spreadsheet.write', 'properties', 'cache', 'lock', 'ui.menu', 'authinfo'],
  NONE: ['ui.menu', 'authinfo'],
  CUSTOM_FUNCTION: ['spreadsheet.read', 'properties', 'cache', 'lock', 'urlfetch'],
};

const SCOPE: Record<Capability, string> = {
  'spreadsheet.read': 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'spreadsheet.write': 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  properties: 'https://www.googleapis.com/auth/script.storage',
  cache: 'https://www.googleapis.com/auth/script.storage',
  lock: 'https://www.googleapis.com/auth/script.storage',
  urlfetch: 'https://www.googleapis.com/auth/script.external_request',
  'ui.menu': 'https://www.googleapis.com/auth/script.container.ui',
  'ui.dialog': 'https://www.googleapis.com/auth/script.container.ui',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  authinfo: 'https://www.googleapis.com/auth/script.scriptapp',
};

function allowed(ctx: GasContext, cap: Capability): boolean {
  return ALLOWED[ctx.authMode].includes(cap);
}

/** Throws like Apps Script when the current auth mode may not make this call. */
export function requireAuth(ctx: GasContext, cap: Capability, call: string): void {
  if (allowed(ctx, cap)) return;
  if (ctx.authMode === 'CUSTOM_FUNCTION') throw ctx.error(`You do not have permission to call ${call}`);
  throw ctx.error(`You do not have permission to call ${call}. Required permissions: ${SCOPE[cap]}`);
}
