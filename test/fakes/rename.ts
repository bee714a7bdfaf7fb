/**
 * Sheets rewrites every formula that refers to a tab when the tab is renamed ('Old'!A2:A becomes 'New'!A2:A).
 * The fake does the same for quoted references and for unquoted ones of names that need no quotes.
 */
import type { FakeSpreadsheet } from './spreadsheet';

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function renameReferences(ss: FakeSpreadsheet, oldName: string, newName: string): void {
  const quoted = new RegExp(`${escapeRe(quote(oldName))}!`, 'gi');
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(oldName) ? new RegExp(`(^|[^A-Za-z0-9_.'])${escapeRe(oldName)}!`, 'gi') : null;
  for (const sheet of ss._sheets) {
    for (const row of sheet._grid.rows) {
      for (const cell of row || []) {
        if (!cell || cell.f === undefined) continue;
        let f = cell.f.replace(quoted, `${quote(newName)}!`);
        if (bare) f = f.replace(bare, (_m, pre: string) => `${pre}${quote(newName)}!`);
        cell.f = f;
      }
    }
  }
}
