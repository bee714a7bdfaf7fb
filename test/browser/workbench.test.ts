/**
 * The whole add-on in a browser: the workbench (`npm start`'s page) in headless Chromium, driven like a new user
 * would — connect, import, watch progress, refresh, schedule — with the real dist/sidebar.html and dist/Code.js.
 * The steps build on each other (one spreadsheet), so they run in order. Screenshots: artifacts/browser/.
 *
 * Features whose server function is not in dist/Code.js yet must say "not available yet" instead of failing.
 */
import { Page } from 'playwright-core';
import { Browser, RunningWorkbench, gridOf, launchBrowser, openSection, requireChromium, screenshot, shownSheet, sidebar, startWorkbench } from './support';

jest.setTimeout(120000);

const WAIT = 45000;
let wb: RunningWorkbench;
let browser: Browser;
let page: Page;

const has = (name: string) => wb.functions.includes(name);
const sb = () => sidebar(page);
const text = async (selector: string) => ((await sb().locator(selector).textContent()) || '').trim();

async function setLatency(ms: number, paging: { ignorePrefer?: boolean; rejectSkip?: boolean } = {}): Promise<void> {
  const answer = await page.evaluate(async (config) => {
    const r = await fetch('/api/sandbox/config', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(config) });
    return (await r.json()) as { latencyMs: number };
  }, { latencyMs: ms, ignorePrefer: !!paging.ignorePrefer, rejectSkip: !!paging.rejectSkip });
  expect(answer.latencyMs).toBe(ms);
}

beforeAll(async () => {
  requireChromium();
  wb = await startWorkbench();
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(wb.url);
  await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
});

afterAll(async () => {
  if (browser) await browser.close();
  if (wb) await wb.stop();
});

describe('workbench page', () => {
  it('shows the sandbox credentials to type, an empty spreadsheet and the sidebar', async () => {
    expect(await page.locator('#cred-username').textContent()).toBe('sandbox-user');
    expect(await page.locator('#cred-token').textContent()).toBe('sandbox-token-7f3a9c');
    expect(await page.locator('#cred-baseurl').textContent()).toBe(wb.sandbox.odataUrl);
    expect(await page.locator('#tabs [role=tab]').count()).toBe(1);
    expect(await text('#connection-state')).toMatch(/Not connected/);
    const width = await page.locator('#sidebar-frame').evaluate((f) => f.getBoundingClientRect().width);
    expect(width).toBe(300);
    await screenshot(page, 'start');
  });

  it('labels every sidebar control for screen readers', async () => {
    const unlabelled = await sb()
      .locator('body')
      .evaluate((body: any) =>
        Array.from(body.querySelectorAll('input, select, button, textarea'))
          .filter((el: any) => {
            if (el.type === 'hidden') return false;
            const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            const named = el.tagName === 'BUTTON' && (el.textContent || '').trim();
            return !labelled && !named;
          })
          .map((el: any) => el.id || el.outerHTML.slice(0, 60)),
      );
    expect(unlabelled).toEqual([]);
  });
});

describe('connect', () => {
  it('a wrong token gives a clear error in the sidebar, never a stack trace', async () => {
    await sb().locator('#username').fill(wb.sandbox.username);
    await sb().locator('#token').fill('not-the-token');
    await sb().locator('#advanced > summary').click();
    await sb().locator('#baseUrl').fill(wb.sandbox.odataUrl);
    await sb().locator('#save-connection').click();
    await sb().locator('#connect-result.error').waitFor({ timeout: WAIT });
    const message = await text('#connect-result');
    expect(message).toMatch(/did not accept your username and token/i);
    expect(message).not.toMatch(/\bat .+:\d+:\d+|Error:|Exception:/);
    expect(message).not.toContain('not-the-token');
    expect(await sb().locator('#token').inputValue()).toBe('');
    await screenshot(page, 'wrong-token');
  });

  it('a saved connection that failed its test blocks imports until it passes', async () => {
    expect(await text('#connection-state')).toMatch(/The last test failed for sandbox-user/);
    await openSection(page, 'import');
    expect(await sb().locator('#import-button').isDisabled()).toBe(true);
    expect(await sb().locator('#import .needs-connection').isVisible()).toBe(true);
  });

  it('the right token connects (typed with the keyboard); the connection folds to one line', async () => {
    await sb().locator('#token').focus();
    await page.keyboard.type(wb.sandbox.token);
    await page.keyboard.press('Enter'); // submits the form
    await sb().locator('#connection-state.ok').waitFor({ timeout: WAIT });
    expect(await text('#connection-state')).toMatch(/^Connected as sandbox-user · 127\.0\.0\.1:\d+$/);
    expect(await sb().locator('#connect-body').isHidden()).toBe(true);
    expect(await sb().locator('#connect-change').isVisible()).toBe(true);
    expect(await sb().locator('#token').inputValue()).toBe('');
    expect(await sb().locator('#import-button').isDisabled()).toBe(false);
    // the first screen at 300 × 600: the connection is one line and Import is in view
    const line = await sb().locator('#connect-line').boundingBox();
    expect(line!.height).toBeLessThan(30);
    await screenshot(page, 'connected');
  });
});

describe('import a dataset', () => {
  it('offers the catalogue and the entity sets the service lists', async () => {
    await openSection(page, 'import');
    const options = await sb().locator('#dataset option').evaluateAll((os: any[]) => os.map((o) => o.value));
    expect(options).toEqual(expect.arrayContaining(['accounts', 'account-history', 'checks', 'users', 'tasks', 'targets-active', 'targets-all']));
    expect(options[options.length - 1]).toBe('__other__');
    if (has('describeDataset')) {
      await sb().locator('#column-list input[type=checkbox]').first().waitFor({ state: 'attached', timeout: WAIT });
      expect(await sb().locator('#column-list input[type=checkbox]').count()).toBeGreaterThan(10);
    } else {
      expect(await text('#columns-help')).toMatch(/not available yet/);
    }
  });

  it('imports accounts into a new tab with the right rows and typed cells', async () => {
    await sb().locator('#dataset').selectOption('accounts');
    await sb().locator('#import-button').click();
    await sb().locator('#import-result.ok').waitFor({ timeout: WAIT });
    expect(await text('#import-result')).toMatch(/Imported 60 rows × \d+ columns into the tab "TrueClicks accounts"/);
    await sb().locator('#import-goto:not([hidden])').waitFor();

    const shape = await shownSheet(page, 'TrueClicks accounts');
    expect(shape).toMatchObject({ rows: 61, frozenRows: 1 });
    expect(await page.locator('#tabs [role=tab][data-sheet="TrueClicks accounts"]').getAttribute('aria-selected')).toBe('true');
    const grid = await gridOf(page);
    const header = grid[0].map((c) => c.d);
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i).toBeGreaterThanOrEqual(0);
      return i;
    };
    const rowOf = (accountId: string) => grid.find((r) => r[col('AccountId')].d === accountId)!;
    expect(grid[1][col('AccountId')]).toEqual({ d: '1001', t: 'number' });
    expect(grid[1][col('IsActive')].t).toBe('boolean');
    expect(grid[1][col('LastUpdated')].t).toBe('date');
    expect(grid[1][col('CreatedOn')].t).toBe('date');
    expect(grid[1][col('AuditScore')].t).toBe('number');
    // text stays text: phone-number-like ids, leading zeros, formulas from the API
    expect(rowOf('1005')[col('CustomerId')]).toEqual({ d: '123-456-7890', t: 'text' });
    expect(rowOf('1003')[col('ExternalCode')]).toEqual({ d: '007', t: 'text' });
    expect(rowOf('1007')[col('Name')]).toEqual({ d: '=HYPERLINK("http://evil.example","click")', t: 'text' });
    expect(rowOf('1011')[col('Name')]).toEqual({ d: 'TRUE', t: 'text' });
    await screenshot(page, 'accounts-imported');
  });

  it('imports with columns, a filter built from conditions, and a sort', async () => {
    await sb().locator('#column-picker > summary').click();
    for (const c of ['AccountId', 'Name', 'Platform', 'AuditScore']) await sb().locator(`#column-list input[value="${c}"]`).check();
    await sb().locator('#column-picker > summary').click();
    await sb().locator('#filter-add').click();
    await sb().locator('#filter-rows li.cond select.col').selectOption('Platform');
    await sb().locator('#filter-rows li.cond select.op').selectOption('eq');
    await sb().locator('#filter-rows li.cond input.val').fill('Meta Ads');
    expect(await text('#filter-preview')).toBe("$filter: Platform eq 'Meta Ads'");
    await sb().locator('#sort-column').selectOption('AuditScore');
    await sb().locator('#sort-direction').selectOption('desc');
    await sb().locator('#sheetName').fill('Meta accounts');
    await sb().locator('#import-button').click();
    await sb().locator('#import-result.ok').filter({ hasText: 'Meta accounts' }).waitFor({ timeout: WAIT });
    expect(await text('#import-result')).toBe('Imported 6 rows × 4 columns into the tab "Meta accounts".');

    const shape = await shownSheet(page, 'Meta accounts');
    expect(shape).toMatchObject({ rows: 7, columns: 4, frozenRows: 1 });
    const grid = await gridOf(page);
    expect(grid[0].slice(0, 4).map((c) => c.d)).toEqual(['AccountId', 'Name', 'Platform', 'AuditScore']);
    const body = grid.slice(1, 7);
    expect(body.every((r) => r[2].d === 'Meta Ads')).toBe(true);
    const scores = body.map((r) => Number(r[3].d));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.every((r) => r[3].t === 'number' && r[0].t === 'number')).toBe(true);
    await screenshot(page, 'filtered-import');
  });

  it('shows progress (pages and rows) while a slow import runs', async () => {
    // Pages of 50 one after another (no big pages, no parallel windows), so the import lasts a few seconds.
    await setLatency(150, { ignorePrefer: true, rejectSkip: true });
    try {
      await sb().locator('#dataset').selectOption('account-history');
      // the condition on Platform goes: the history has no such column (and the preview says so)
      await sb().locator('#filter-preview').filter({ hasText: 'A condition was removed' }).waitFor({ timeout: WAIT });
      expect(await sb().locator('#filter-rows li.cond').count()).toBe(0);
      await sb().locator('#sort-column').selectOption('');
      await sb().locator('#sheetName').fill('');
      await sb().locator('#top').fill('1000'); // 20 pages of 50 at 150 ms each: a few seconds
      await sb().locator('#import-button').click();
      const progress = sb().locator('#import-progress-text');
      if (has('getProgress')) {
        await sb().locator('#import-progress-text').filter({ hasText: /Fetching… (\d+ pages?, [\d,]+ rows? so far|[1-9][\d,]* of [\d,]+ rows)/ }).waitFor({ timeout: WAIT });
        expect(await progress.textContent()).toMatch(/Fetching… ([1-9]\d* pages?, [1-9][\d,]* rows? so far|[1-9][\d,]* of [\d,]+ rows)/);
      } else {
        expect(await progress.textContent()).toMatch(/not available yet/);
      }
      await screenshot(page, 'import-progress');
      await sb().locator('#import-result.ok').filter({ hasText: 'TrueClicks account-history' }).waitFor({ timeout: WAIT });
      expect(await text('#import-result')).toMatch(/^Imported 1,000 rows × \d+ columns into the tab "TrueClicks account-history"\.$/);
      expect(await sb().locator('#import-progress').isHidden()).toBe(true);
      expect(await shownSheet(page, 'TrueClicks account-history')).toMatchObject({ rows: 1001 });
    } finally {
      await setLatency(0);
    }
  });
});

describe('saved imports', () => {
  it('lists every import with its last run and rows, and refreshes one', async () => {
    await openSection(page, 'saved');
    const item = sb().locator('li.import[data-sheet="TrueClicks accounts"]');
    await item.waitFor({ timeout: WAIT });
    expect(await sb().locator('li.import').count()).toBe(3);
    expect(await item.locator('.meta:not(.what):not(.query)').first().textContent()).toMatch(/^60 rows × \d+ columns · last run \d+ \w+ \d{4}, \d\d:\d\d/);
    const what = sb().locator('li.import[data-sheet="Meta accounts"] .what');
    expect(await what.textContent()).toBe("Accounts (current), columns AccountId, Name, Platform, AuditScore, only rows where Platform eq 'Meta Ads', sorted by AuditScore (highest first)");

    await item.getByRole('button', { name: 'Refresh TrueClicks accounts' }).click();
    if (has('refreshImport')) {
      const result = sb().locator('li.import[data-sheet="TrueClicks accounts"] .result.ok');
      await result.waitFor({ timeout: WAIT });
      expect(await result.textContent()).toMatch(/^Refreshed: 60 rows × \d+ columns\.$/);
    } else {
      await item.locator('.result.warn').waitFor({ timeout: WAIT });
      expect(await item.locator('.result').textContent()).toMatch(/not available yet/);
    }
    await screenshot(page, 'saved-refreshed');
  });

  it('refreshes all', async () => {
    await sb().locator('#refresh-all').click();
    await sb().locator('#refresh-result.ok').waitFor({ timeout: WAIT });
    expect(await text('#refresh-result')).toBe('Refreshed 3 of 3 imports.');
  });

  it('goes to a tab from the list', async () => {
    await sb().locator('li.import[data-sheet="Meta accounts"] button.tab-name').click();
    if (has('goToSheet')) {
      await page.locator('#tabs [role=tab][data-sheet="Meta accounts"][aria-selected=true]').waitFor({ timeout: WAIT });
      expect(await page.locator('#tabs [role=tab][data-sheet="Meta accounts"] .active-mark').count()).toBe(1);
    } else {
      expect(await sb().locator('li.import[data-sheet="Meta accounts"] .result').textContent()).toMatch(/not available yet/);
    }
  });

  it('removes one from the list after asking; the tab stays', async () => {
    const item = sb().locator('li.import[data-sheet="Meta accounts"]');
    await item.getByRole('button', { name: 'Remove Meta accounts from the saved imports' }).click();
    if (!has('removeImport')) {
      expect(await item.locator('.result').textContent()).toMatch(/not available yet/);
      return;
    }
    await item.locator('.confirm:not([hidden])').waitFor();
    await item.locator('.confirm button.danger').click();
    await sb().locator('#refresh-result.ok').filter({ hasText: 'no longer refreshed' }).waitFor({ timeout: WAIT });
    expect(await sb().locator('li.import').count()).toBe(2);
    expect(await page.locator('#tabs [role=tab][data-sheet="Meta accounts"]').count()).toBe(1);
  });
});

describe('check tables', () => {
  it('imports one check table for a chosen subset of accounts', async () => {
    await openSection(page, 'checks');
    if (!has('importCheckTable')) {
      await sb().locator('#checks-unavailable:not([hidden])').waitFor({ timeout: WAIT });
      expect(await text('#checks-unavailable')).toMatch(/not available yet/);
      return;
    }
    await sb().locator('#rule-key option[value="wasted-search-terms"]').waitFor({ state: 'attached', timeout: WAIT });
    await sb().locator('#rule-key').selectOption('wasted-search-terms');
    await sb().locator('#accounts-some').check();
    await sb().locator('#account-list input[value="1001"]').waitFor({ state: 'attached', timeout: WAIT });
    await sb().locator('#account-search').fill('1001');
    await sb().locator('#account-list input[value="1001"]').check();
    await sb().locator('#account-search').fill('1002');
    await sb().locator('#account-list input[value="1002"]').check();
    expect(await text('#account-count')).toMatch(/^2 accounts chosen of 60\./);
    await sb().locator('#checks-button').click();
    await sb().locator('#checks-result.ok').waitFor({ timeout: WAIT });
    expect(await text('#checks-result')).toMatch(/^Imported \d+ rows × \d+ columns into the tab "TrueClicks check wasted-search-terms"\.$/);
    const shape = await shownSheet(page, 'TrueClicks check wasted-search-terms');
    expect(shape.rows).toBeGreaterThan(1);
    await screenshot(page, 'check-table');
  });
});

describe('schedule', () => {
  it('saves the schedule, and it is still there after the sidebar is reopened', async () => {
    await openSection(page, 'schedule');
    if (!has('setSchedule')) {
      await sb().locator('#schedule-unavailable:not([hidden])').waitFor({ timeout: WAIT });
      expect(await text('#schedule-unavailable')).toMatch(/not available yet/);
      return;
    }
    await sb().locator('#frequency-weekly').check();
    await sb().locator('#weekday').selectOption('WEDNESDAY');
    await sb().locator('#hour').selectOption('7');
    await sb().locator('#schedule-save').click();
    await sb().locator('#schedule-result.ok').waitFor({ timeout: WAIT });
    expect(await text('#schedule-result')).toMatch(/Saved/);
    await screenshot(page, 'schedule-saved');

    await page.reload();
    await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
    await openSection(page, 'schedule');
    expect(await sb().locator('#frequency-weekly').isChecked()).toBe(true);
    expect(await sb().locator('#weekday').inputValue()).toBe('WEDNESDAY');
    expect(await sb().locator('#hour').inputValue()).toBe('7');
    expect(await text('#schedule-now')).toMatch(/Wednesday/);
    // the workbench shows the trigger; "Run now" fires it like Apps Script would, and the sidebar reports the run
    const run = page.getByRole('button', { name: /Run the trigger .* now/ });
    await run.waitFor({ timeout: WAIT });
    await run.click();
    await page.locator('#toast').filter({ hasText: /ran\./ }).waitFor({ timeout: WAIT });
    await page.reload(); // the user reopens the sidebar later
    await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
    await openSection(page, 'schedule');
    await sb().locator('#schedule-last').filter({ hasText: /Last scheduled run/ }).waitFor({ timeout: WAIT });
    expect(await text('#schedule-last')).toMatch(/Last scheduled run: .* — OK/);
    await screenshot(page, 'schedule-after-run');

    await sb().locator('#frequency-off').check();
    await sb().locator('#schedule-save').click();
    await sb().locator('#schedule-result.ok').filter({ hasText: 'off' }).waitFor({ timeout: WAIT });
  });
});

describe('disconnect', () => {
  it('removes the stored credentials', async () => {
    await openSection(page, 'connect');
    await sb().locator('#disconnect').click();
    await sb().locator('#connect-result.ok').filter({ hasText: 'Disconnected' }).waitFor({ timeout: WAIT });
    expect(await text('#connection-state')).toMatch(/Not connected/);
    await openSection(page, 'import');
    expect(await sb().locator('#import .needs-connection').isVisible()).toBe(true);
  });
});
