/**
 * Whether cell formulas may use the connection. Custom functions run with the spreadsheet **owner's** user
 * properties, so formulas always use the owner's connection — and only where the owner allowed it: connecting
 * from the sidebar in a spreadsheet allows formulas there; the owner can turn it off. The flag lives in the
 * owner's own user properties, which no editor can write.
 */
const KEY_PREFIX = 'trueclicks.formulas.';

export function formulasAllowed(spreadsheetId: string, properties: GoogleAppsScript.Properties.Properties = PropertiesService.getUserProperties()): boolean {
  return properties.getProperty(KEY_PREFIX + spreadsheetId) === 'allowed';
}

export function setFormulasAllowed(spreadsheetId: string, allowed: boolean, properties: GoogleAppsScript.Properties.Properties = PropertiesService.getUserProperties()): void {
  if (allowed) properties.setProperty(KEY_PREFIX + spreadsheetId, 'allowed');
  else properties.deleteProperty(KEY_PREFIX + spreadsheetId);
}
