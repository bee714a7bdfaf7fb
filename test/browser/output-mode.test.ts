/**
 * The output-mode choice in the sidebar (issue 11), in headless Chromium against the workbench: one sentence per
 * mode, the append options with "Keep weekly history" for accounts, the merge key picker, and an append and a
 * merge run whose result says what changed. Screenshots at the sidebar's 300 px: artifacts/browser/.
 */
import { Page } from 'playwright-core';
import path from 'path';
import { ARTIFACTS, Browser, RunningWorkbench, openConnectedWorkbench, openSection, screenshot, sidebar } from './support';

jest.setTimeout(120000);

const WAIT = 45000;
let wb: RunningWorkbench;
let browser: Browser;
let page: Page;
const sb = () => sidebar(page);
const text = async (selector: string) => ((await sb().locator(selector).textContent()) || '').trim();

beforeAll(async () => {
  ({ wb, browser, page } = await openConnectedWorkbench(WAIT));
});

afterAll(async () => {
  if (browser) await browser.close();
  if (wb) await wb.stop();
});

async function shotOfSidebar(name: string, selector: string): Promise<void> {
  await sb().locator(selector).scrollIntoViewIfNeeded();
  await screenshot(page, name);
  // The sidebar alone, at its 300 px, as a marketer sees it (README: docs/screenshots/output-mode.png is one of these).
  await page.locator('#sidebar-frame').screenshot({ path: path.join(ARTIFACTS, `${name}-sidebar.png`) });
}

it('offers replace, append and merge with one sentence each; append shows its options and weekly history for accounts', async () => {
  await openSection(page, 'import');
  await sb().locator('#dataset').selectOption('accounts');
  const helps = await sb().locator('#import-form .output-mode .mode-option > .help').allTextContents();
  expect(helps).toHaveLength(3);
  expect(helps[1]).toMatch(/SnapshotAt/);
  expect(await sb().locator('#import-append-options').isHidden()).toBe(true);
  await sb().locator('#import-mode-append').check();
  expect(await sb().locator('#import-append-options').isVisible()).toBe(true);
  expect(await sb().locator('#import-history-wrap').isVisible()).toBe(true);
  await sb().locator('#import-history').check();
  expect(await sb().locator('#import-every').inputValue()).toBe('week');
  await shotOfSidebar('output-mode-append', '#import-button');
});

it('an append run starts the weekly history and says what it did', async () => {
  await sb().locator('#import-button').click();
  await sb().locator('#import-result.ok').waitFor({ timeout: WAIT });
  expect(await text('#import-result')).toMatch(/into the tab "TrueClicks accounts"/);
  await openSection(page, 'saved');
  await sb().locator('#imports li.import .meta', { hasText: 'Append: one snapshot a week, started from account-history' }).waitFor({ timeout: WAIT });
});

it('merge asks for the key of a check table and uses the dataset key by default', async () => {
  await openSection(page, 'import');
  await sb().locator('#import-mode-merge').check();
  await sb().locator('#import-key-help').waitFor();
  expect(await sb().locator('#import-key').getAttribute('placeholder')).toMatch(/default: AccountId/);
  await sb().locator('#sheetName').fill('Merged accounts');
  await sb().locator('#import-button').click();
  await sb().locator('#import-result.ok').waitFor({ timeout: WAIT });
  expect(await text('#import-result')).toMatch(/Imported 60 rows/);
  await shotOfSidebar('output-mode-merge', '#import-result');

  await openSection(page, 'checks');
  await sb().locator('#rule-key option').first().waitFor({ state: 'attached', timeout: WAIT });
  await sb().locator('#checks-mode-merge').check();
  expect(await text('#checks-key-help')).toMatch(/account id is always part of the key/);
  await sb().locator('#checks-button').click();
  await sb().locator('#checks-result.error').waitFor({ timeout: WAIT });
  expect(await text('#checks-result')).toMatch(/Name the columns to match rows on/);
});
