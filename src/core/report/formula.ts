/**
 * The only place report formulas get their text. Three kinds of text reach a formula and each is escaped here:
 * sheet names (quoted the way Sheets writes them: 'It''s "Q4"'!A2:A), category values the report filters on
 * (string literals with doubled quotes), and our own numbers. No other text from the API — no column name, no
 * account name, no id — is ever put into a formula: columns are referenced by position, accounts by cell.
 */

/** Column letters for a 1-based column number (A, …, Z, AA, …). */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as a formula prefix: always quoted, inner single quotes doubled ('It''s "Q4"'). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * An open-ended column range from `fromRow` down to the last row of the tab, absolute so that a copied formula keeps
 * pointing at it ('Accounts'!$C$2:$C). Open-ended ranges follow a data tab that grows or shrinks on refresh.
 */
export function openColumn(sheetName: string, column: number, fromRow = 2): string {
  const letters = columnLetters(column);
  return `${quoteSheetName(sheetName)}!$${letters}$${fromRow}:$${letters}`;
}

/** A cell on the same sheet, e.g. B7 or $B7. */
export function cell(row: number, column: number, absoluteColumn = false): string {
  return `${absoluteColumn ? '$' : ''}${columnLetters(column)}${row}`;
}

/** A formula string literal: the value's double quotes doubled. The only way data text enters a formula. */
export function stringLiteral(value: string): string {
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** A finite number as formula text; anything else is a programming error. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** `(range=lit1)+(range=lit2)…`: 1 where the range equals one of the values (exact, no wildcards), 0 elsewhere. */
export function equalsAny(range: string, values: ReadonlyArray<string>): string {
  if (values.length === 0) return '0';
  return `(${values.map((v) => `(${range}=${stringLiteral(v)})`).join('+')})`;
}

/** `(range<>lit1)*(range<>lit2)…`: 1 where the range equals none of the values. */
export function equalsNone(range: string, values: ReadonlyArray<string>): string {
  if (values.length === 0) return '1';
  return values.map((v) => `(${range}<>${stringLiteral(v)})`).join('*');
}
