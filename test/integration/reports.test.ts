/**
 * Reports through the built bundle on the sandbox's data: every template is created from the imported tabs and
 * checked as a user would see it — the health board's numbers (its formulas evaluated by HyperFormula, see
 * test/fakes/formula-engine.ts) against a calculation from the sandbox's own rows, sparkline points, conditional
 * formats, pivot values (computed from the recorded pivot definition over the tab) and chart types and ranges.
 * Then the sources are refreshed with other data and the same report, not rebuilt, shows the new numbers.
 */
import { loadAddOn, AddOn, errorOf } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import { fetchAllRaw } from '../support/oracle';
import { evaluateWorkbook, Workbook } from '../fakes/formula-engine';
import { evaluatePivot } from '../fakes/pivots';
import { appliedFormat } from '../fakes/conditional-formats';
import { describeRef } from '../fakes/grid-ref';
import type { GasEnvironment } from '../fakes';

type Row = Record<string, unknown>;
const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;
const raw: Record<string, Row[]> = {};
const SETS: Record<string, string> = {
  accounts: 'Accounts', 'account-history': 'AccountHistory', checks: 'Checks', tasks: 'Tasks', 'targets-active': 'TargetMonitoringActive',
};

beforeAll(async () => {
  for (const [key, set] of Object.entries(SETS)) raw[key] = await fetchAllRaw(`${sb.url}/odata/`, set, sb.authHeader);
  ({ env, addOn } = loadAddOn());
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
  for (const key of Object.keys(SETS)) addOn.importDataset({ dataset: key });
});
afterAll(() => env.close());

const num = (v: unknown) => Number(v);
const sheet = (name: string) => env.spreadsheet.getSheetByName(name)!;
const day = (iso: unknown) => Date.parse(`${String(iso)}T00:00:00Z`) / 86400000;

/** The board as the user sees it: one object per listed account. */
function boardRows(wb: Workbook, name: string) {
  const out = [];
  for (let r = 2; ; r++) {
    const id = wb.value(name, r, 2);
    if (id === '' || id === null) break;
    out.push({
      row: r,
      name: wb.value(name, r, 1), id, score: wb.value(name, r, 3), change: wb.value(name, r, 4), trend: wb.value(name, r, 5),
      failing: wb.value(name, r, 6), tasks: wb.value(name, r, 7), pacing: wb.value(name, r, 8),
    });
  }
  return out;
}

/** What the board should say for one account, from the sandbox's rows. */
function expectedFor(id: number) {
  const account = raw.accounts.find((a) => a.AccountId === id)!;
  const history = raw['account-history'].filter((h) => h.AccountId === id);
  const last = Math.max(...raw['account-history'].map((h) => day(h.WeekStart)));
  const then = history.filter((h) => day(h.WeekStart) <= last - 28).sort((a, b) => day(b.WeekStart) - day(a.WeekStart))[0];
  const trend = history.filter((h) => day(h.WeekStart) > last - 84).sort((a, b) => day(a.WeekStart) - day(b.WeekStart)).map((h) => num(h.AuditScore));
  const targets = raw['targets-active'].filter((t) => t.AccountId === id && t.ActualValue !== null && num(t.TargetValue) !== 0);
  return {
    name: account.Name,
    score: num(account.AuditScore),
    change: num(account.AuditScore) - num(then.AuditScore),
    trend,
    failing: raw.checks.filter((c) => c.AccountId === id && c.Status === 'Failed').length,
    tasks: raw.tasks.filter((t) => t.AccountId === id && !['Done', "Won't fix"].includes(String(t.Status))).length,
    pacing: targets.length ? targets.reduce((s, t) => s + num(t.ActualValue) / num(t.TargetValue), 0) / targets.length : '',
  };
}

describe('account health board', () => {
  let wb: Workbook;
  let result: ReturnType<AddOn['createReport']>;
  beforeAll(() => {
    result = addOn.createReport({ template: 'account-health' });
    wb = evaluateWorkbook(env.spreadsheet);
  });

  it('lists every account once, worst score first, with its name', () => {
    const rows = boardRows(wb, result.sheetName);
    const expectedOrder = raw.accounts.slice().sort((a, b) => num(a.AuditScore) - num(b.AuditScore)).map((a) => a.AccountId);
    expect(rows.map((r) => r.id)).toEqual(expectedOrder);
    for (const r of rows) expect(r.name).toBe(expectedFor(r.id as number).name);
  });

  it('shows score, change, failing checks, open tasks and target pacing computed from the data tabs', () => {
    for (const r of boardRows(wb, result.sheetName)) {
      const e = expectedFor(r.id as number);
      expect(r.score).toBeCloseTo(e.score, 9);
      expect(r.change).toBeCloseTo(e.change, 9);
      expect(r.failing).toBe(e.failing);
      expect(r.tasks).toBe(e.tasks);
      if (e.pacing === '') expect(r.pacing).toBe('');
      else expect(r.pacing).toBeCloseTo(e.pacing as number, 9);
    }
    expect(boardRows(wb, result.sheetName).some((r) => r.pacing !== '')).toBe(true);
  });

  it('draws a 12-week sparkline of each account from the history tab, oldest week first', () => {
    const board = sheet(result.sheetName);
    for (const r of boardRows(wb, result.sheetName)) {
      const formula = board.getRange(r.row, 5).getFormula();
      expect(formula).toContain('SPARKLINE(');
      expect(formula).toContain("'TrueClicks account-history'!$D$2:$D");
      expect(wb.sparklineSeries(formula, result.sheetName)).toEqual(expectedFor(r.id as number).trend);
    }
  });

  it('colours scores on a scale and changes green or red, freezes the header and formats change with arrows', () => {
    const board = sheet(result.sheetName);
    expect(board.getFrozenRows()).toBe(1);
    const rows = boardRows(wb, result.sheetName);
    const scores = rows.map((r) => r.score as number);
    const rules = board._conditionalRules;
    expect(appliedFormat(rules, rows[0].row, 3, rows[0].score, scores)).toMatchObject({ gradient: 'min', background: '#e67c73' });
    const best = rows[rows.length - 1];
    expect(appliedFormat(rules, best.row, 3, best.score, scores)).toMatchObject({ gradient: 'max', background: '#57bb8a' });
    const up = rows.find((r) => (r.change as number) > 0)!;
    const down = rows.find((r) => (r.change as number) < 0)!;
    expect(appliedFormat(rules, up.row, 4, up.change)).toEqual({ fontColor: '#188038' });
    expect(appliedFormat(rules, down.row, 4, down.change)).toEqual({ fontColor: '#d93025' });
    expect(board.getRange(up.row, 4).getNumberFormat()).toBe('"▲ "0.0;"▼ "0.0;0.0');
  });

  it('puts no text from the API into a formula: only quoted tab names, cell references and the status values it counts', () => {
    const formulas = board().getRange(1, 1, 200, 10).getFormulas().flat().filter(Boolean);
    const literals = new Set(formulas.flatMap((f) => Array.from(f.matchAll(/"((?:[^"]|"")*)"/g), (m) => m[1])));
    const statuses = new Set([...raw.checks.map((c) => c.Status), ...raw.tasks.map((t) => t.Status)].map(String));
    const ours = ['', 'charttype', 'line', 'linewidth', 'color', '#1a73e8', 'More accounts than this board has rows: click Rebuild in the sidebar.'];
    for (const l of literals) expect(ours.includes(l) || statuses.has(l.replace(/""/g, '"'))).toBe(true);
    // (an account called TRUE would match the SORT argument)
    for (const a of raw.accounts.filter((x) => !/^(TRUE|FALSE)$/.test(String(x.Name)))) {
      expect([a.Name, formulas.some((f) => f.includes(String(a.Name)))]).toEqual([a.Name, false]);
    }
  });
});

function board() {
  return sheet('Account health');
}

describe('template reports', () => {
  it('score-trend: a line chart of weekly scores for the top accounts by spend', () => {
    const r = addOn.createReport({ template: 'score-trend' });
    expect(r).toMatchObject({ charts: 1, pivotTables: 1 });
    const tab = sheet(r.sheetName);
    const [pivot] = tab._pivots;
    expect(describeRef(pivot.source)).toBe("'TrueClicks account-history'!A1:K");
    const out = evaluatePivot(pivot);
    const spend = new Map<number, number>();
    for (const h of raw['account-history']) spend.set(h.AccountId as number, (spend.get(h.AccountId as number) || 0) + num(h.Spend));
    const top = Array.from(spend.entries()).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([id]) => id).sort((a, b) => a - b);
    expect(out[1].slice(1)).toEqual(top);
    const weeks = Array.from(new Set(raw['account-history'].map((h) => day(h.WeekStart)))).sort((a, b) => a - b);
    expect(out.length).toBe(2 + weeks.length);
    const firstAccount = top[0];
    const score = raw['account-history'].find((h) => h.AccountId === firstAccount && day(h.WeekStart) === weeks[5])!;
    expect(out[2 + 5][1]).toBeCloseTo(num(score.AuditScore), 9);
    const [chart] = tab._charts.list;
    expect(chart.type).toBe('LINE');
    expect(chart.ranges.map(describeRef)).toEqual(["'Score trend'!A2:I"]);
  });

  it('account-scores: a bar chart of every account, best first', () => {
    const r = addOn.createReport({ template: 'account-scores' });
    const tab = sheet(r.sheetName);
    const out = evaluatePivot(tab._pivots[0]);
    // Accounts that share a name are one bar (their average), and the report says so.
    const byName = new Map<unknown, number[]>();
    for (const a of raw.accounts) byName.set(a.Name, [...(byName.get(a.Name) || []), num(a.AuditScore)]);
    const expected = Array.from(byName.entries()).map(([name, s]) => [name, s.reduce((x, y) => x + y, 0) / s.length]).sort((a, b) => (b[1] as number) - (a[1] as number));
    expect(out.slice(1).map((row) => row[0])).toEqual(expected.map((e) => e[0]));
    out.slice(1).forEach((row, i) => expect(row[1]).toBeCloseTo(expected[i][1] as number, 9));
    expect(r.remarks.join(' ')).toMatch(/2 accounts share a name with another; each name is one bar/);
    expect(tab._charts.list[0]).toMatchObject({ type: 'BAR' });
    expect(tab._charts.list[0].ranges.map(describeRef)).toEqual(["'Account scores'!A1:B"]);
  });

  it('check-status: checks counted by category and status, stacked bars', () => {
    const r = addOn.createReport({ template: 'check-status' });
    const tab = sheet(r.sheetName);
    const out = evaluatePivot(tab._pivots[0]);
    const statuses = out[1].slice(1) as string[];
    expect(new Set(statuses)).toEqual(new Set(raw.checks.map((c) => c.Status)));
    for (const line of out.slice(2)) {
      statuses.forEach((s, i) => {
        expect(line[i + 1] || 0).toBe(raw.checks.filter((c) => c.Category === line[0] && c.Status === s).length);
      });
    }
    expect(tab._charts.list[0]).toMatchObject({ type: 'BAR', options: expect.objectContaining({ isStacked: true }) });
    expect(tab._charts.list[0].ranges.map(describeRef)).toEqual([`'Check status'!A2:${String.fromCharCode(65 + statuses.length)}`]);
  });

  it('target-pacing: actual against target per account for the most common metric', () => {
    const r = addOn.createReport({ template: 'target-pacing' });
    const tab = sheet(r.sheetName);
    const out = evaluatePivot(tab._pivots[0]);
    const counts = new Map<string, number>();
    for (const t of raw['targets-active']) counts.set(String(t.Metric), (counts.get(String(t.Metric)) || 0) + 1);
    const metric = Array.from(counts.entries()).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const rows = raw['targets-active'].filter((t) => t.Metric === metric && t.ActualValue !== null);
    const ids = Array.from(new Set(rows.map((t) => t.AccountId as number))).sort((a, b) => a - b);
    expect(out.slice(1).map((l) => l[0])).toEqual(ids);
    for (const line of out.slice(1)) {
      const mine = rows.filter((t) => t.AccountId === line[0]);
      expect(line[1]).toBeCloseTo(mine.reduce((s, t) => s + num(t.ActualValue), 0), 6);
      expect(line[2]).toBeCloseTo(mine.reduce((s, t) => s + num(t.TargetValue), 0), 6);
    }
    expect(tab._charts.list[0]).toMatchObject({ type: 'COLUMN', options: expect.objectContaining({ title: `${metric}: actual vs target` }) });
  });

  it('tasks-overview: open tasks by assignee and status, closed statuses hidden', () => {
    const r = addOn.createReport({ template: 'tasks-overview' });
    const tab = sheet(r.sheetName);
    const out = evaluatePivot(tab._pivots[0]);
    expect(out[1].slice(1)).toEqual(['In progress', 'Open']);
    const open = raw.tasks.filter((t) => t.Status === 'Open' || t.Status === 'In progress');
    for (const line of out.slice(2)) {
      const who = line[0] === '' ? null : line[0];
      expect(line[1] || 0).toBe(open.filter((t) => t.Assignee === who && t.Status === 'In progress').length);
      expect(line[2] || 0).toBe(open.filter((t) => t.Assignee === who && t.Status === 'Open').length);
    }
    expect(tab._charts.list[0]).toMatchObject({ type: 'COLUMN', options: expect.objectContaining({ isStacked: true }) });
  });

  it('custom chart: total clicks by week from the history tab, as an area chart', () => {
    const r = addOn.createCustomChart({ source: 'TrueClicks account-history', x: 'WeekStart', y: 'Clicks', aggregate: 'SUM', chartType: 'AREA' });
    const tab = sheet(r.sheetName);
    const out = evaluatePivot(tab._pivots[0]);
    expect(out[0]).toEqual(['WeekStart', 'SUM of Clicks']);
    const first = out[1][0] as number;
    const firstWeek = Math.min(...raw['account-history'].map((x) => day(x.WeekStart)));
    const expected = raw['account-history'].filter((h) => day(h.WeekStart) === firstWeek).reduce((s, h) => s + num(h.Clicks), 0);
    expect(first).toBeGreaterThan(40000);
    expect(out[1][1]).toBe(expected);
    expect(tab._charts.list[0].type).toBe('AREA');
    expect(errorOf(() => addOn.createCustomChart({ source: 'TrueClicks account-history', x: 'Nope', y: 'Clicks' }))).toMatch(/Choose X: a column of TrueClicks account-history/);
  });

  it('lists the report tabs with the data tabs they read', () => {
    const list = addOn.listReports();
    expect(list.map((r) => r.template).sort()).toEqual(['account-health', 'account-scores', 'check-status', 'custom', 'score-trend', 'target-pacing', 'tasks-overview']);
    expect(list.find((r) => r.template === 'check-status')!.sources).toEqual([{ dataset: 'checks', sheetName: 'TrueClicks checks' }]);
    expect(list.every((r) => r.problem === null)).toBe(true);
  });
});
