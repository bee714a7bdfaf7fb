/** A1 notation helpers for the Sheet fake. */

export const MAX_COLUMNS = 18_278; // column ZZZ

function columnToLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface A1Range {
  sheetName?: string;
  row: number;
  column: number;
  /** undefined = to the end of the sheet (open-ended "A:A", "A2:B", "1:3") */
  lastRow?: number;
  lastColumn?: number;
}

const A1_RE = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?(\$?[A-Za-z]{0,3})(\$?\d*)(?::(\$?[A-Za-z]{0,3})(\$?\d*))?$/;

/** Parses "A1", "A1:B2", "A:C", "2:5", "A2:C", "Sheet1!A1", "'My sheet'!A1:B2"; null if invalid. */
export function parseA1(a1: string): A1Range | null {
  const m = A1_RE.exec(a1.trim());
  if (!m) return null;
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const strip = (s: string | undefined) => (s ?? '').replace('$', '');
  const [c1, r1, c2, r2] = [strip(m[3]), strip(m[4]), strip(m[5]), strip(m[6])];
  const isRange = m[5] !== undefined || m[6] !== undefined;
  if (!c1 && !r1) return null;
  if (!isRange) {
    if (!c1 || !r1 || Number(r1) < 1) return null;
    return { sheetName, row: Number(r1), column: lettersToColumn(c1), lastRow: Number(r1), lastColumn: lettersToColumn(c1) };
  }
  if (!c2 && !r2) return null;
  if ((!c1 && c2) || (!r1 && r2 && c1 && !c2)) return null;
  const row = r1 ? Number(r1) : 1;
  const column = c1 ? lettersToColumn(c1) : 1;
  const lastRow = r2 ? Number(r2) : undefined;
  const lastColumn = c2 ? lettersToColumn(c2) : undefined;
  if (row < 1 || column < 1 || lastRow === 0) return null;
  return { sheetName, row: Math.min(row, lastRow ?? row), column: Math.min(column, lastColumn ?? column), lastRow: lastRow === undefined ? undefined : Math.max(row, lastRow), lastColumn: lastColumn === undefined ? undefined : Math.max(column, lastColumn) };
}

export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}
