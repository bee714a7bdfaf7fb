/**
 * Sidebar 2.0 through the workbench, as a marketer who has never heard of OData would use it: tabs at 300 × 600,
 * conditions instead of $filter, examples that always return rows, date ranges that move, the Replace dialog,
 * progress with Cancel and "busy, retrying", check tables with account names, saved imports (Edit, Duplicate,
 * Refresh all that stops at a shared failure), Insert as formula and the grid's spill. Steps build on each other
 * (one spreadsheet) and run in order. Screenshots of the sidebar alone: artifacts/browser/; with
 * UPDATE_SCREENSHOTS=1 the README's ones in docs/screenshots/ are rewritten too.
 */
import path from 'path';
import { Page } from 'playwright-core';
import { Browser, ROOT, RunningWorkbench, gridOf, launchBrowser, openSection, requireChromium, shownSheet, sidebar, sidebarShot, startWorkbench } from './support';

jest.setTimeout(180000);

const WAIT = 45000;
/** The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1), so a test run leaves git clean. */
const DOCS = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'artifacts', 'browser');
let wb: RunningWorkbench;
let browser: Browser;
let page: Page;
const sb = () => sidebar(page);
const text = async (selector: string) => ((await sb().locator(selector).first().textContent()) || '').trim();

async function sandbox(route: string, body: unknown): Promise<void> {
  const r = await fetch(`${wb.sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
}

async function clearFaults(): Promise<void> {
  const r = await fetch(`${wb.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  expect(r.ok).toBe(true);
}

async function importAndWait(tab: string): Promise<string> {
  await sb().locator('#import-button').click();
  await sb().locator('#import-result:is(.ok, .warn, .error)').filter({ hasText: tab }).waitFor({ timeout: WAIT });
  return text('#import-result');
}

async function addCondition(column: string, op: string, value?: string): Promise<void> {
  await sb().locator('#filter-add').click();
  const row = sb().locator('#filter-rows li.cond').last();
  await row.locator('select.col').selectOption(column);
  await row.locator('select.op').selectOption(op);
  if (value !== undefined) await row.locator('input.val').first().fill(value);
}

async function clearConditions(): Promise<void> {
  while ((await sb().locator('#filter-rows li.cond').count()) > 0) await sb().locator('#filter-rows li.cond button[aria-label^="Remove condition"]').first().click();
}

beforeAll(async () => {
  requireChromium();
  wb = await startWorkbench();
  browser = await launchBrowser();
  page = browser.page;
  // The workbench page around the sidebar takes ~195 px: this makes the sidebar 300 × 600.
  await page.setViewportSize({ width: 1400, height: 795 });
  await page.goto(wb.url);
  await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
});

afterAll(async () => {
  if (browser) await browser.close();
  if (wb) await wb.stop();
});

describe('first screen', () => {
  it('connected: one line, the tabs, and the Import button above the fold at 300 × 600', async () => {
    await page.locator('#fill-sidebar').click();
    await sb().locator('#save-connection').click();
    await sb().locator('#connection-state.ok').waitFor({ timeout: WAIT });
    await sb().locator('#column-list input').first().waitFor({ state: 'attached', timeout: WAIT });
    const frame = await page.locator('#sidebar-frame').boundingBox();
    expect(Math.round(frame!.width)).toBe(300);
    expect(frame!.height).toBeGreaterThanOrEqual(590);
    const button = await sb().locator('#import-button').boundingBox();
    expect(button!.y + button!.height).toBeLessThanOrEqual(frame!.y + frame!.height);
    expect(await sb().locator('[role=tab]').allTextContents()).toEqual(['Import', 'Check tables', 'Saved', 'Schedule', 'Reports']);
    await sidebarShot(page, 'first-screen', path.join(DOCS, 'after-first-screen.png'));
  });
});

describe('conditions instead of OData', () => {
  it('every example comes from real values and returns rows', async () => {
    const examples = await sb().locator('#filter-examples button').allTextContents();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < examples.length; i++) {
      await sb().locator('#filter-examples button').nth(i).click();
      await sb().locator('#sheetName').fill(`Example ${i + 1}`);
      const result = await importAndWait(`Example ${i + 1}`);
      expect(result).toMatch(/^Imported [1-9][\d,]* rows? × \d+ columns/);
      await clearConditions();
    }
  });

  it('builds the filter from typed conditions (OR with the previous one, quotes escaped) and shows it underneath', async () => {
    await addCondition('Platform', 'eq', 'Google Ads');
    await addCondition('AuditScore', 'lt', '60');
    await addCondition('Name', 'contains', "O'Brien");
    await sb().locator('#filter-rows li.cond').nth(2).locator('select.join').selectOption('or');
    expect(await sb().locator('#filter-rows li.cond').nth(1).locator('input.val').getAttribute('type')).toBe('number');
    expect(await sb().locator('#filter-rows li.cond').nth(0).locator('input.val').getAttribute('list')).toBeTruthy();
    expect(await text('#filter-preview')).toBe("$filter: Platform eq 'Google Ads' and (AuditScore lt 60 or contains(Name,'O''Brien'))");
    await sidebarShot(page, 'conditions');
    await clearConditions();
  });

  it('a hand-written filter is shown back as conditions; one they cannot show stays Advanced', async () => {
    await sb().locator('#advanced-filter > summary').click();
    await sb().locator('#filter').fill("Platform eq 'Meta Ads' and IsActive eq true");
    expect(await sb().locator('#filter-rows li.cond').count()).toBe(2);
    expect(await sb().locator('#filter-rows li.cond').nth(1).locator('select.op').inputValue()).toBe('true');
    await sb().locator('#filter').fill("tolower(Name) eq 'x'");
    expect(await text('#filter-rows')).toMatch(/written by hand/);
    await sb().locator('#filter').fill('');
    await sb().locator('#advanced-filter > summary').click();
  });

  it('"in the last …" on a date condition becomes the date range of the import', async () => {
    await addCondition('CreatedOn', 'ge', '2026-01-01');
    await sb().locator('#filter-rows li.cond select.op').selectOption('last');
    expect(await sb().locator('#filter-rows li.cond').count()).toBe(0);
    expect(await sb().locator('#window-preset').inputValue()).toBe('custom');
    expect(await sb().locator('#window-column').inputValue()).toBe('CreatedOn');
    expect(await text('#window-help')).toMatch(/^CreatedOn in the last 30 days/);
    await sb().locator('#window-preset').selectOption('');
  });

  it('zero rows is a warning naming the filter, with Edit', async () => {
    await addCondition('Platform', 'eq', 'No such platform');
    await sb().locator('#sheetName').fill('Nothing');
    const result = await importAndWait('Nothing');
    expect(result).toBe(`No rows matched the filter Platform is 'No such platform': the tab "Nothing" has only its header. Edit the filter and import again.`);
    expect(await sb().locator('#import-result').getAttribute('class')).toMatch(/warn/);
    await sb().locator('#import-edit').click();
    expect(await sb().locator('#filter-rows li.cond select.col').evaluate((s: any) => s === s.ownerDocument.activeElement)).toBe(true);
    await clearConditions();
  });
});

describe('an import with a filter, a date range, columns and sort', () => {
  it('imports the last 12 weeks of history; the saved import says it in words', async () => {
    await sb().locator('#dataset').selectOption('account-history');
    await sb().locator('#column-list input[value="WeekStart"]').waitFor({ state: 'attached', timeout: WAIT });
    await sb().locator('#window-preset').selectOption('12-weeks');
    expect(await sb().locator('#window-column').inputValue()).toBe('WeekStart');
    expect(await text('#window-help')).toMatch(/^WeekStart in the last 12 weeks, counted again at every refresh/);
    await addCondition('AuditScore', 'ge', '50');
    await sb().locator('#column-picker > summary').click();
    await sb().locator('#column-search').fill('score');
    expect(await sb().locator('#column-list label:not([hidden])').count()).toBe(2);
    await sb().locator('#column-search').fill('');
    for (const c of ['WeekStart', 'AccountId', 'AuditScore']) await sb().locator(`#column-list input[value="${c}"]`).check();
    await sb().locator('button[aria-label="Move AccountId up"]').click();
    expect(await sb().locator('#columns').inputValue()).toBe('AccountId, WeekStart, AuditScore');
    expect(await text('#column-list label:has(input[value="AuditScore"]) .type')).toBe('Number');
    expect(await text('#column-list label:has(input[value="WeekStart"]) .type')).toBe('Date');
    await sb().locator('#column-picker > summary').click();
    await sb().locator('#sort-column').selectOption('WeekStart');
    await sb().locator('#sort-direction').selectOption('desc');
    await sb().locator('#import-account-names').check();
    await sb().locator('#sheetName').fill('Recent history');
    await sidebarShot(page, 'import-with-filter', path.join(DOCS, 'after-import-with-filter.png'));
    const result = await importAndWait('Recent history');
    expect(result).toMatch(/^Imported [1-9][\d,]* rows × 4 columns into the tab "Recent history"\.$/);
    const grid = await gridOf(page);
    expect(grid[0].slice(0, 4).map((c) => c.d)).toEqual(['AccountId', 'AccountName', 'WeekStart', 'AuditScore']);
    expect(grid[1][1].d.length).toBeGreaterThan(0);
    const rows = Number(/Imported ([\d,]+)/.exec(result)![1].replace(/,/g, ''));
    expect(rows).toBeLessThan(3120);
    await openSection(page, 'saved');
    expect(await text('li.import[data-sheet="Recent history"] .what')).toBe('Accounts (history), columns AccountId, WeekStart, AuditScore, only rows where AuditScore ge 50, WeekStart in the last 12 weeks, with account names, sorted by WeekStart (highest first)');
  });

  it('Edit loads the saved definition back into the form; Duplicate names a new tab', async () => {
    await sb().locator('li.import[data-sheet="Recent history"] button', { hasText: 'Edit' }).click();
    await sb().locator('#import:not([hidden])').waitFor();
    expect(await sb().locator('#dataset').inputValue()).toBe('account-history');
    expect(await sb().locator('#window-preset').inputValue()).toBe('12-weeks');
    expect(await sb().locator('#filter-rows li.cond input.val').inputValue()).toBe('50');
    expect(await sb().locator('#sheetName').inputValue()).toBe('Recent history');
    expect(await sb().locator('#sort-column').inputValue()).toBe('WeekStart');
    expect(await sb().locator('#import-account-names').isChecked()).toBe(true);
    await openSection(page, 'saved');
    await sb().locator('li.import[data-sheet="Recent history"] button', { hasText: 'Duplicate' }).click();
    expect(await sb().locator('#sheetName').inputValue()).toBe('Recent history (copy)');
  });
});

describe('no silent replacement', () => {
  it('importing another dataset into a tab asks first, with both definitions; Cancel changes nothing', async () => {
    await sb().locator('#dataset').selectOption('users');
    await sb().locator('#window-preset').selectOption('');
    await clearConditions();
    await sb().locator('#sheetName').fill('Recent history');
    await sb().locator('#import-button').click();
    await sb().locator('#confirm-dialog[open]').waitFor({ timeout: WAIT });
    expect(await text('#confirm-text')).toMatch(/The tab "Recent history" holds the saved import of Accounts \(history\), .*WeekStart in the last 12 weeks.*\. Importing Users there would replace it\./);
    await sidebarShot(page, 'replace-dialog', path.join(DOCS, 'after-replace-dialog.png'));
    await sb().locator('#confirm-no').click();
    await sb().locator('#import-result.warn').filter({ hasText: 'Nothing was changed' }).waitFor({ timeout: WAIT });
    expect((await shownSheet(page, 'Recent history')).columns).toBe(4);
  });

  it('Replace imports after confirming', async () => {
    await sb().locator('#import-button').click();
    await sb().locator('#confirm-dialog[open]').waitFor({ timeout: WAIT });
    await sb().locator('#confirm-yes').click();
    const result = await importAndWait('Recent history');
    expect(result).toBe('Imported 64 rows × 9 columns into the tab "Recent history".');
  });
});

describe('progress you can trust, and Cancel', () => {
  it('shows "busy, retrying" when TrueClicks asks to wait, then finishes', async () => {
    await sb().locator('#dataset').selectOption('account-history');
    await sb().locator('#sheetName').fill('Busy');
    await sb().locator('#top').fill('100');
    await sandbox('faults', { faults: [{ match: 'AccountHistory', retryAfter: 3, times: 1 }] });
    try {
      await sb().locator('#import-button').click();
      await sb().locator('#import-progress-text').filter({ hasText: /TrueClicks is busy, retrying in \d s/ }).waitFor({ timeout: WAIT });
      await sidebarShot(page, 'busy-retrying');
      const result = await importAndWait('Busy');
      expect(result).toBe('Imported 100 rows × 11 columns into the tab "Busy".');
    } finally {
      await clearFaults();
    }
  });

  it('Cancel stops a running import with a readable message and leaves the tab as it was', async () => {
    // Pages of 50 one after another (no big pages, no parallel windows), so the import lasts long enough to cancel.
    await sandbox('config', { latencyMs: 150, ignorePrefer: true, rejectSkip: true });
    try {
      await sb().locator('#sheetName').fill('Busy');
      await sb().locator('#top').fill('2000');
      await sb().locator('#import-button').click();
      await sb().locator('#import-progress-text').filter({ hasText: /Fetching… ([1-9]\d* pages?, [1-9][\d,]* rows? so far|[1-9][\d,]* of [\d,]+ rows)/ }).waitFor({ timeout: WAIT });
      await sidebarShot(page, 'running-import', path.join(DOCS, 'after-running-import.png'));
      await sb().locator('#import-cancel').click();
      await sb().locator('#import-result.warn').waitFor({ timeout: WAIT });
      expect(await text('#import-result')).toBe('Import cancelled. Nothing was written: the tab is as it was.');
      expect(await shownSheet(page, 'Busy')).toMatchObject({ rows: 101 });
    } finally {
      await sandbox('config', { latencyMs: 0, ignorePrefer: false, rejectSkip: false });
      await sb().locator('#top').fill('');
    }
  });
});

describe('check tables', () => {
  it('shows account names beside ids, counts accounts as they load, and adds an AccountName column', async () => {
    await openSection(page, 'checks');
    await sb().locator('#rule-key option[value="wasted-search-terms"]').waitFor({ state: 'attached', timeout: WAIT });
    await sb().locator('#rule-key').selectOption('wasted-search-terms');
    await sb().locator('#accounts-some').check();
    await sb().locator('#account-list input[value="1001"]').waitFor({ state: 'attached', timeout: WAIT });
    const label = sb().locator('#account-list label:has(input[value="1001"])');
    expect(await label.locator('.type').textContent()).toBe('1001');
    expect((await label.locator('span').first().textContent())!.length).toBeGreaterThan(0);
    // the picker stays inside its card (no horizontal overflow)
    const overflow = await sb().locator('#account-list').evaluate((l: any) => l.scrollWidth - l.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await sidebarShot(page, 'account-picker');
    await sb().locator('#accounts-all').check();
    await sb().locator('#check-account-names').check();
    await sandbox('config', { latencyMs: 600 });
    try {
      await sb().locator('#checks-button').click();
      await sb().locator('#checks-progress-text').filter({ hasText: /Fetching… [\d,]+ of 60 accounts/ }).waitFor({ timeout: WAIT });
      await sidebarShot(page, 'accounts-progress');
      await sb().locator('#checks-result.ok').waitFor({ timeout: WAIT });
    } finally {
      await sandbox('config', { latencyMs: 0 });
    }
    const grid = await gridOf(page);
    expect(grid[0][1].d).toBe('AccountName');
  });

  it('Edit from the saved list loads a check table back into its form', async () => {
    await openSection(page, 'saved');
    await sb().locator('li.import[data-sheet="TrueClicks check wasted-search-terms"] button', { hasText: 'Edit' }).click();
    await sb().locator('#checks:not([hidden])').waitFor();
    expect(await sb().locator('#rule-key').inputValue()).toBe('wasted-search-terms');
    expect(await sb().locator('#accounts-all').isChecked()).toBe(true);
    expect(await sb().locator('#check-account-names').isChecked()).toBe(true);
    expect(await sb().locator('#check-sheetName').inputValue()).toBe('TrueClicks check wasted-search-terms');
  });
});

describe('formulas from the sidebar, and the grid', () => {
  it('Insert as formula writes =TRUECLICKS(...) into the selected cell, and the grid spills it', async () => {
    await page.locator('#tabs [role=tab][data-sheet="Sheet1"]').click();
    await page.locator('#grid td[data-ref="B2"]').click();
    await openSection(page, 'import');
    await sb().locator('#dataset').selectOption('accounts');
    await clearConditions();
    await sb().locator('#window-preset').selectOption('');
    await addCondition('Platform', 'eq', 'Meta Ads');
    await sb().locator('#column-picker > summary').click();
    await sb().locator('#columns').fill('AccountId, Name');
    await sb().locator('#column-picker > summary').click();
    await sb().locator('#formula-button').click();
    await sb().locator('#import-result.ok').filter({ hasText: 'Wrote' }).waitFor({ timeout: WAIT });
    expect(await text('#import-result')).toBe(`Wrote =TRUECLICKS("accounts", "AccountId,Name", "Platform eq 'Meta Ads'") into Sheet1!B2.`);
    await page.locator('#grid td[data-ref="C8"]').filter({ hasText: /\S/ }).waitFor({ timeout: WAIT });
    const grid = await gridOf(page);
    expect(grid[1][1]).toMatchObject({ d: 'AccountId', t: 'formula' });
    expect(grid[1][2].d).toBe('Name');
    expect(grid.slice(2, 8).every((r) => /^\d+$/.test(r[1].d) && r[1].t === 'spill')).toBe(true);
  });

  it('typing =TRUECLICKS(...) into a cell spills the result; the header the add-on writes is bold and grey', async () => {
    await page.locator('#grid td[data-ref="F2"]').click();
    await page.locator('#cell-input').fill('=TRUECLICKS("users", "Email,Role", "", "Email asc", 3)');
    await page.locator('#cell-input').press('Enter');
    await page.locator('#grid td[data-ref="G5"]').filter({ hasText: /\S/ }).waitFor({ timeout: WAIT });
    const grid = await gridOf(page);
    expect([grid[1][5].d, grid[1][6].d]).toEqual(['Email', 'Role']);
    expect(grid[5][5].d).toBe('');
    await page.locator('#tabs [role=tab][data-sheet="Recent history"]').click();
    const header = page.locator('#grid td[data-ref="A1"]');
    expect(await header.evaluate((td: any) => (globalThis as any).getComputedStyle(td).fontWeight)).toBe('700');
    expect(await header.evaluate((td: any) => td.style.background)).not.toBe('');
    await page.screenshot({ path: path.join(ROOT, 'artifacts', 'browser', 'grid-spill.png') });
  });
});

describe('refresh all, and one banner for a shared failure', () => {
  it('shows each import\'s state and stops at the first credentials failure with one message', async () => {
    await openSection(page, 'saved');
    const count = await sb().locator('li.import').count();
    expect(count).toBeGreaterThan(3);
    await sandbox('faults', { faults: [{ match: '/odata/', status: 401, times: 100 }] });
    try {
      await sb().locator('#refresh-all').click();
      await sb().locator('#refresh-result.error').filter({ hasText: 'Stopped after 0 of' }).waitFor({ timeout: WAIT });
      const states = await sb().locator('li.import .result').allTextContents();
      expect(states[0]).toMatch(/^✖ /);
      expect(states.slice(1).every((s) => s === 'Not refreshed: stopped.')).toBe(true);
      expect(await sb().locator('#app-banner').isVisible()).toBe(true);
      await sidebarShot(page, 'refresh-all-stopped');
    } finally {
      await clearFaults();
    }
    await sb().locator('#app-retry').click();
    await sb().locator('#refresh-result:is(.ok, .error)').filter({ hasText: /^Refreshed/ }).waitFor({ timeout: WAIT });
    expect({ summary: await text('#refresh-result'), lines: await sb().locator('li.import .result').allTextContents() }).toEqual({ summary: `Refreshed ${count} of ${count} imports.`, lines: expect.any(Array) });
    expect(await sb().locator('#app-banner').isHidden()).toBe(true);
  });
});

describe('connection honesty', () => {
  it('an unreachable API on opening is one banner with Retry; Retry clears it once TrueClicks answers', async () => {
    await sandbox('faults', { faults: [{ match: '/odata/', status: 503, times: 1000 }] });
    try {
      await page.reload();
      await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
      await sb().locator('#app-banner:not([hidden])').waitFor({ timeout: WAIT });
      expect(await text('#app-error')).toMatch(/Imports wait until TrueClicks answers\.$/);
      // one message: the line says the last test failed, imports are blocked, and no section repeats the error
      expect(await text('#connection-state')).toMatch(/The last test failed for sandbox-user/);
      expect(await sb().locator('#import-button').isDisabled()).toBe(true);
      expect(await sb().locator('.panel .result.error:not([hidden])').count()).toBe(0);
      await sidebarShot(page, 'unreachable-banner');
    } finally {
      await clearFaults();
    }
    await sb().locator('#app-retry').click();
    await sb().locator('#connection-state.ok').waitFor({ timeout: WAIT });
    expect(await sb().locator('#app-banner').isHidden()).toBe(true);
    expect(await sb().locator('#import-button').isDisabled()).toBe(false);
  });
});
