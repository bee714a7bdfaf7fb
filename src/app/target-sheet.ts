/**
 * Which tab an import writes to, and whether it may. A tab that holds data the add-on did not write, or another
 * saved import (another dataset or check), is never replaced without an explicit overwrite; the refusal says
 * what is there and what would come, and changes nothing.
 */
import { AddOnError } from '../core/errors';
import { formatCount } from '../core/format';
import { ImportDefinition, sameSource } from '../core/import-definition';
import { describeDefinition } from '../core/import-words';
import { readImport } from '../services/import-store';

export interface TargetSheet {
  name: string;
  /** Null when the tab does not exist yet: it is created only when there is data to write. */
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
}

export function checkSheetName(input: unknown): string {
  const name = typeof input === 'string' ? input.trim() : '';
  if (!name) throw new AddOnError('BAD_INPUT', 'Enter a name for the tab.');
  if (name.length > 100) throw new AddOnError('BAD_INPUT', 'Tab names can be at most 100 characters long.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this check rejects
  if (/[\u0000-\u001f]/.test(name)) throw new AddOnError('BAD_INPUT', 'Tab names cannot contain line breaks or control characters.');
  return name;
}

const CONFIRM = 'Nothing was changed. Choose another tab name, or confirm to replace it.';

function refuse(name: string, there: string, incoming: ImportDefinition): never {
  throw new AddOnError('SHEET_IN_USE', `The tab "${name}" holds ${there}. Importing ${describeDefinition(incoming)} there would replace it. ${CONFIRM}`, { sheetName: name });
}

/** Finds or plans the tab; refuses (changing nothing) to replace what the user did not ask to replace. */
export function prepareTarget(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string, overwrite: boolean, incoming?: ImportDefinition): TargetSheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return { name, sheet: null };
  if (overwrite) return { name, sheet };
  const saved = readImport(sheet);
  if (!saved) {
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (rows > 0 || columns > 0) {
      const there = `data that the add-on did not import (${formatCount(rows)} row${rows === 1 ? '' : 's'} × ${formatCount(columns)} column${columns === 1 ? '' : 's'})`;
      if (!incoming) throw new AddOnError('SHEET_IN_USE', `The tab "${name}" holds ${there}. ${CONFIRM}`, { sheetName: name });
      refuse(name, there, incoming);
    }
  } else if (incoming && !sameSource(saved.definition, incoming)) {
    refuse(name, `the saved import of ${describeDefinition(saved.definition)}`, incoming);
  }
  return { name, sheet };
}
