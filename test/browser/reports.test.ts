/**
 * Reports from the sidebar in headless Chromium: connect, pick a template, import its missing datasets with one
 * click each, create the report, and see it in the workbench's grid — formula results, sparklines, pivot tables and
 * charts drawn from the fake sheet's state. Screenshots (sidebar at 300 px and the report) go to artifacts/browser/.
 */
import { Page } from 'playwright-core';
import path from 'path';
import { ARTIFACTS, Browser, RunningWorkbench, launchBrowser, openSection, requireChromium, shownSheet, sidebar, startWorkbench } from './support';

jest.setTimeout(180000);
const WAIT = 60000;
let wb: RunningWorkbench;
let browser: Browser;
let page: Page;
const sb = () => sidebar(page);

async function shoot(name: string): Promise<void> {
  if (await page.locator('#show-types').isChecked()) await page.locator('#show-types').uncheck();
  await sb().locator('#reports').evaluate((n: any) => n.scrollIntoView({ block: 'start' }));
  await page.locator('#sidebar-frame').screenshot({ path: path.join(ARTIFACTS, `reports-${name}-sidebar.png`) });
  await sb().locator('#reports .mapping').evaluate((n: any) => n.scrollIntoView({ block: 'start' }));
  await page.locator('#sidebar-frame').screenshot({ path: path.join(ARTIFACTS, `reports-${name}-sidebar-mapping.png`) });
  await page.locator('.sheet-area').screenshot({ path: path.join(ARTIFACTS, `reports-${name}-sheet.png`) });
}

beforeAll(async () => {
  requireChromium();
  wb = await startWorkbench();
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(wb.url);
  await sb().locator('body[data-ready=true]').waitFor({ timeout: WAIT });
  await sb().locator('#username').fill(wb.sandbox.username);
  await sb().locator('#token').fill(wb.sandbox.token);
  await sb().locator('#advanced > summary').click();
  await sb().locator('#baseUrl').fill(wb.sandbox.odataUrl);
  await sb().locator('#save-connection').click();
  await sb().locator('#connection-state.ok').waitFor({ timeout: WAIT });
});

afterAll(async () => {
  if (browser) await browser.close();
  if (wb) await wb.stop();
});

async function pickTemplate(key: string): Promise<void> {
  await sb().locator(`label[data-template="${key}"]`).click();
  await sb().locator('#reports .mapping:not([hidden]) #report-create').waitFor({ timeout: WAIT });
}

async function importMissing(): Promise<number> {
  let clicks = 0;
  for (;;) {
    const button = sb().locator('#reports .mapping button.small').first();
    if ((await button.count()) === 0) return clicks;
    await button.click();
    clicks++;
    await sb().locator('#reports .result.ok').first().waitFor({ timeout: WAIT });
    await sb().locator('#reports .mapping:not([aria-busy=true]) #report-create').waitFor({ timeout: WAIT });
    await page.waitForTimeout(300);
  }
}

describe('reports from the sidebar', () => {
  it('lists the six templates with a preview picture and a one-line description', async () => {
    await openSection(page, 'reports');
    const items = await sb().locator('#reports .templates label').evaluateAll((ls: any[]) => ls.map((l) => [l.getAttribute('data-template'), !!l.querySelector('svg.preview'), l.querySelector('.muted').textContent]));
    expect(items.map((i) => i[0])).toEqual(['account-health', 'score-trend', 'account-scores', 'check-status', 'target-pacing', 'tasks-overview']);
    expect(items.every((i) => i[1] && String(i[2]).length > 20)).toBe(true);
  });

  it('builds the account health board: missing datasets imported in one click each, proposals shown, the board in the grid', async () => {
    await pickTemplate('account-health');
    expect(await sb().locator('#reports .mapping').textContent()).toMatch(/Accounts\s*not imported yet/);
    expect(await importMissing()).toBe(5);
    expect(await sb().locator('#role-accounts-score').inputValue()).toBe('AuditScore');
    await sb().locator('#report-create').click();
    await sb().locator('#reports-card > .result.ok, #reports-card > .result.warn').waitFor({ timeout: WAIT });
    expect(await sb().locator('#reports-card > .result').textContent()).toMatch(/The report is in the tab Account health/);
    await shownSheet(page, 'Account health', WAIT);
    await page.locator('svg.sparkline').first().waitFor({ timeout: WAIT });
    const firstRow = await page.locator('#grid tr[data-row="2"] td').evaluateAll((tds: any[]) => tds.slice(0, 8).map((td) => td.textContent));
    expect(firstRow[1]).toMatch(/^10\d\d$/);
    expect(Number(firstRow[2])).toBeGreaterThan(0);
    expect(await page.locator('#grid tr[data-row="2"] svg.sparkline').getAttribute('data-points')).toBe('12');
    expect(await sb().locator('#reports .report-tabs li[data-report="Account health"]').count()).toBe(1);
    await shoot('account-health');
  });

  it('builds check-status and score-trend as pivot tables with charts', async () => {
    await pickTemplate('check-status');
    await sb().locator('#report-create').click();
    await shownSheet(page, 'Check status', WAIT);
    await page.locator('svg.report-chart[data-type=BAR]').waitFor({ timeout: WAIT });
    expect(await page.locator('svg.report-chart rect.bar').count()).toBeGreaterThan(10);
    await shoot('check-status');
    await pickTemplate('score-trend');
    await sb().locator('#report-create').click();
    await shownSheet(page, 'Score trend', WAIT);
    await page.locator('svg.report-chart[data-type=LINE]').waitFor({ timeout: WAIT });
    expect(await page.locator('svg.report-chart polyline.series').count()).toBe(8);
    await shoot('score-trend');
  });
});
