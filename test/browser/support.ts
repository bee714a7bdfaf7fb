/**
 * Browser-test helpers: start the workbench (`node scripts/workbench.mjs --json`, its own sandbox, free ports) in
 * a child process, drive Debian's Chromium with playwright-core (never a downloaded browser), keep screenshots
 * under artifacts/browser/.
 */
import { spawn, ChildProcess } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { chromium, BrowserContext, FrameLocator, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const START_TIMEOUT_MS = 60000;

interface WorkbenchInfo {
  url: string;
  sandbox: { url: string; odataUrl: string; username: string; token: string };
  functions: string[];
}

export interface RunningWorkbench extends WorkbenchInfo {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Fails (never skips) when Chromium is missing, saying how to install it. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. The browser tests drive Debian's Chromium; install it with ` +
        '`apt-get update && apt-get install -y chromium` (as root; .ci/run does this), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
}

export function startWorkbench(extraArgs: string[] = []): Promise<RunningWorkbench> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'workbench.mjs'), '--json', '--port', '0', '--sandbox-port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`the workbench did not start within ${START_TIMEOUT_MS / 1000} s\n${stderr}`)), START_TIMEOUT_MS);
    function fail(e: Error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    }
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ ...(JSON.parse(line) as WorkbenchInfo), child, stop });
      }
    });
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => fail(new Error(`the workbench exited (code ${code}) before it was ready:\n${stderr}`)));
  });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, the flags from tooling-notes §6, and nothing that phones home. */
export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'tc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
    timeout: 60000,
  });
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let shotCount = 0;
/** Saves a screenshot of the whole workbench page as artifacts/browser/NN-name.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('#sidebar-frame');
}

/** Shows a sidebar tab (import, checks, saved, schedule); `connect` opens the connection form (Change). */
export async function openSection(page: Page, id: string): Promise<void> {
  const sb = sidebar(page);
  if (id === 'connect') {
    const change = sb.locator('#connect-change');
    if (await change.isVisible()) await change.click();
    return;
  }
  await sb.locator(`#tab-${id}`).click();
  await sb.locator(`#${id}:not([hidden])`).waitFor();
}

/** Screenshot of the sidebar alone (300 px wide), as a user sees it, into artifacts/browser/ or a given path. */
export async function sidebarShot(page: Page, name: string, file?: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = file || path.join(ARTIFACTS, `${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await page.locator('#sidebar-frame').screenshot({ path: out });
  return out;
}

/* Functions passed to page.evaluate run in the browser; this program has no DOM types (server code shares it),
   so their DOM values are typed `any` here. */

/** The cells of the spreadsheet view: display text and type, row by row (row 1 first). */
export function gridOf(page: Page): Promise<Array<Array<{ d: string; t: string }>>> {
  return page.evaluate(() =>
    Array.from((globalThis as any).document.querySelectorAll('#grid tbody tr[data-row]')).map((tr: any) =>
      Array.from(tr.querySelectorAll('td')).map((td: any) => ({ d: td.textContent || '', t: td.getAttribute('data-type') || 'empty' })),
    ),
  );
}

/** Waits until the spreadsheet view shows `sheetName`, and returns its row and column counts. */
export async function shownSheet(page: Page, sheetName: string, timeout = 30000): Promise<{ rows: number; columns: number; frozenRows: number }> {
  const info = page.locator(`#sheet-info[data-sheet="${sheetName}"]`);
  await info.waitFor({ timeout });
  return {
    rows: Number(await info.getAttribute('data-rows')),
    columns: Number(await info.getAttribute('data-columns')),
    frozenRows: Number(await info.getAttribute('data-frozen-rows')),
  };
}

/** The workbench in Chromium with the sidebar ready and connected to its sandbox (for tests that start connected). */
export async function openConnectedWorkbench(timeout = 45000): Promise<{ wb: RunningWorkbench; browser: Browser; page: Page }> {
  requireChromium();
  const wb = await startWorkbench();
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const { page } = browser;
    const frame = sidebar(page);
    await page.goto(wb.url);
    await frame.locator('body[data-ready=true]').waitFor({ timeout });
    await frame.locator('#username').fill(wb.sandbox.username);
    await frame.locator('#token').fill(wb.sandbox.token);
    await frame.locator('#advanced > summary').click();
    await frame.locator('#baseUrl').fill(wb.sandbox.odataUrl);
    await frame.locator('#save-connection').click();
    // Connected: the message turns "ok" (the connection card may already have folded to one line and hidden it).
    await frame.locator('#connect-result.ok').waitFor({ state: 'attached', timeout });
    return { wb, browser, page };
  } catch (e) {
    // The caller gets nothing to close: stop what was started, or jest would wait for it forever.
    if (browser) await browser.close();
    await wb.stop();
    throw e;
  }
}
