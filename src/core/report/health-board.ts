/**
 * The account health board: one row per account, every cell a formula over the data tabs, so a refresh (by hand or
 * on schedule) updates it with no rebuild.
 *
 * Sorting: worst score first (the accounts that need attention), and live. Row k holds the k-th smallest score
 * (SMALL), and the account with that score is found with FILTER; ties are told apart by counting how often the same
 * score appeared in the rows above (COUNTIF). This uses only functions that Sheets and maintained engines agree on,
 * references only cells and quoted ranges, and needs no QUERY string (whose column letters would break when a data
 * tab's columns move). Formulas fill a fixed number of rows with headroom; a header cell says when the accounts
 * outgrow them (Rebuild adds rows). Accounts without a score are not listed.
 */
import { cell, columnLetters, equalsAny, equalsNone, numberLiteral, openColumn } from './formula';
import { CellBlock, ReportPlan, emptyPlan } from './plan';

/** Where a role's column lives: a quoted-name tab and a 1-based column. */
export interface ColumnRef {
  sheetName: string;
  column: number;
}

export type HealthRoles = Partial<Record<
  'accounts.accountId' | 'accounts.name' | 'accounts.score' | 'history.accountId' | 'history.date' | 'history.score' |
  'checks.accountId' | 'checks.status' | 'tasks.accountId' | 'tasks.status' | 'targets.accountId' | 'targets.actual' | 'targets.target',
  ColumnRef
>>;

export interface HealthOptions {
  /** Data rows in the accounts tab when built: the board gets formulas for more rows than that. */
  accountRows: number;
  weeksBack: number;
  trendWeeks: number;
  failing: string[];
  closed: string[];
}

const HEALTH_COLUMNS = ['Account', 'Account ID', 'Score', 'Change', 'Last 12 weeks', 'Failing checks', 'Open tasks', 'Target pacing'];
const COL = { name: 1, id: 2, score: 3, change: 4, trend: 5, failing: 6, tasks: 7, pacing: 8, notice: 10 };

const SCORE_COLORS = { min: '#e67c73', mid: '#ffd666', max: '#57bb8a' };
const UP_GREEN = '#188038';
const DOWN_RED = '#d93025';

/** Rows of formulas: room for the accounts there are now and for growth (bounded: a board is not a data dump). */
export function boardRows(accountRows: number): number {
  return Math.min(2000, Math.max(50, accountRows * 2, accountRows + 50));
}

const ref = (r: ColumnRef | undefined): string => (r ? openColumn(r.sheetName, r.column) : '');

type RowFormula = (row: number, k: number) => string;

function rankedColumns(roles: HealthRoles): Record<'name' | 'id' | 'score', RowFormula> {
  const ids = ref(roles['accounts.accountId']);
  const scores = ref(roles['accounts.score']);
  const names = roles['accounts.name'] ? ref(roles['accounts.name']) : '';
  const s = (row: number) => cell(row, COL.score);
  const id = (row: number) => cell(row, COL.id);
  return {
    score: (_row, k) => `=IFERROR(SMALL(${scores},${k}),"")`,
    id: (row) => `=IF(${s(row)}="","",INDEX(FILTER(${ids},${scores}=${s(row)}),COUNTIF(${columnLetters(COL.score)}$2:${s(row)},${s(row)})))`,
    name: (row) => (names ? `=IF(${id(row)}="","",IFERROR(INDEX(${names},MATCH(${id(row)},${ids},0)),""))` : ''),
  };
}

function historyColumns(roles: HealthRoles, o: HealthOptions): Record<'change' | 'trend', RowFormula> | null {
  const hi = roles['history.accountId'];
  const hd = roles['history.date'];
  const hs = roles['history.score'];
  if (!hi || !hd || !hs) return null;
  const [I, D, S] = [ref(hi), ref(hd), ref(hs)];
  const back = numberLiteral(7 * o.weeksBack);
  const span = numberLiteral(7 * o.trendWeeks);
  return {
    change: (row) => {
      const id = cell(row, COL.id);
      const then = `MAX(FILTER(${D},${I}=${id},${D}<=MAX(${D})-${back}))`;
      return `=IF(${id}="","",IFERROR(${cell(row, COL.score)}-AVERAGE(FILTER(${S},${I}=${id},${D}=${then})),""))`;
    },
    trend: (row) => {
      const id = cell(row, COL.id);
      const recent = `${I}=${id},${D}>MAX(${D})-${span}`;
      return `=IF(${id}="","",IFERROR(SPARKLINE(SORT(FILTER(${S},${recent}),FILTER(${D},${recent}),TRUE),{"charttype","line";"linewidth",2;"color","#1a73e8"}),""))`;
    },
  };
}

function countColumns(roles: HealthRoles, o: HealthOptions): Partial<Record<'failing' | 'tasks' | 'pacing', RowFormula>> {
  const out: Partial<Record<'failing' | 'tasks' | 'pacing', RowFormula>> = {};
  const ci = roles['checks.accountId'];
  const cs = roles['checks.status'];
  if (ci && cs) out.failing = (row) => `=IF(${cell(row, COL.id)}="","",SUMPRODUCT((${ref(ci)}=${cell(row, COL.id)})*${equalsAny(ref(cs), o.failing)}))`;
  const ti = roles['tasks.accountId'];
  const ts = roles['tasks.status'];
  if (ti && ts) out.tasks = (row) => `=IF(${cell(row, COL.id)}="","",SUMPRODUCT((${ref(ti)}=${cell(row, COL.id)})*${equalsNone(ref(ts), o.closed)}))`;
  const gi = roles['targets.accountId'];
  const ga = roles['targets.actual'];
  const gt = roles['targets.target'];
  if (gi && ga && gt) {
    const [I, A, T] = [ref(gi), ref(ga), ref(gt)];
    out.pacing = (row) => `=IF(${cell(row, COL.id)}="","",IFERROR(AVERAGE(FILTER(${A}/${T},${I}=${cell(row, COL.id)},ISNUMBER(${A}),${T}<>0)),""))`;
  }
  return out;
}

const MISSING_NOTE: Record<string, string> = {
  change: 'Import Accounts (history) to fill this column.',
  trend: 'Import Accounts (history) to fill this column.',
  failing: 'Import Checks (current) to fill this column.',
  tasks: 'Import Tasks to fill this column.',
  pacing: 'Import Target monitoring (active) to fill this column.',
};

/** The whole board: header, formula rows, formats, conditional formats. */
export function healthBoardPlan(roles: HealthRoles, o: HealthOptions): ReportPlan {
  const plan = emptyPlan();
  const rows = boardRows(o.accountRows);
  const formulas: Partial<Record<keyof typeof COL, RowFormula>> = { ...rankedColumns(roles), ...(historyColumns(roles, o) || {}), ...countColumns(roles, o) };
  const header: CellBlock = { row: 1, column: 1, values: [HEALTH_COLUMNS.slice()], bold: true, background: '#e8f0fe', notes: {} };
  header.values[0][COL.change - 1] = `Change vs ${o.weeksBack} wk`;
  header.values[0][COL.trend - 1] = `Last ${o.trendWeeks} weeks`;
  const body: Array<Array<string | number>> = [];
  for (let k = 1; k <= rows; k++) {
    body.push((Object.keys(COL) as Array<keyof typeof COL>).filter((c) => c !== 'notice').map((c) => (formulas[c] ? formulas[c]!(k + 1, k) : '')));
  }
  for (const c of ['change', 'trend', 'failing', 'tasks', 'pacing'] as const) {
    if (!formulas[c]) {
      header.notes![COL[c] - 1] = MISSING_NOTE[c];
      plan.remarks.push(`${HEALTH_COLUMNS[COL[c] - 1]}: ${MISSING_NOTE[c]}`);
    }
  }
  plan.blocks.push(header, { row: 2, column: 1, values: body });
  plan.numberFormats = columnFormats(rows);
  plan.blocks.push(noticeBlock(roles, rows));
  plan.frozenRows = 1;
  plan.columnWidths = { [COL.name]: 200, [COL.trend]: 140, [COL.notice]: 320 };
  plan.conditionalFormats = boardConditionalFormats(rows);
  return plan;
}

function columnFormats(rows: number): ReportPlan['numberFormats'] {
  const formatted = (column: number, format: string) => ({ area: { row: 2, column, numRows: rows, numColumns: 1 }, format });
  return [
    formatted(COL.score, '0.0'),
    formatted(COL.change, '"▲ "0.0;"▼ "0.0;0.0'),
    formatted(COL.failing, '0'),
    formatted(COL.tasks, '0'),
    formatted(COL.pacing, '0%'),
  ];
}

/** A header-row cell that speaks up when the accounts outgrow the board's rows. */
function noticeBlock(roles: HealthRoles, rows: number): CellBlock {
  const ids = ref(roles['accounts.accountId']);
  const formula = `=IF(COUNTA(${ids})>${rows},"More accounts than this board has rows: click Rebuild in the sidebar.","")`;
  return { row: 1, column: COL.notice, values: [[formula]], fontColor: DOWN_RED };
}

function boardConditionalFormats(rows: number): ReportPlan['conditionalFormats'] {
  const area = (column: number) => ({ row: 2, column, numRows: rows, numColumns: 1 });
  return [
    { kind: 'gradient', area: area(COL.score), ...SCORE_COLORS },
    { kind: 'greaterThan', area: area(COL.change), value: 0, fontColor: UP_GREEN },
    { kind: 'lessThan', area: area(COL.change), value: 0, fontColor: DOWN_RED },
    { kind: 'lessThan', area: area(COL.pacing), value: 0.9, fontColor: DOWN_RED },
  ];
}
