/**
 * The console workbench (`npm run build && node scripts/workbench-console.mjs`): the built add-on (dist/Code.js)
 * running in Node on the same Apps Script fakes the tests use, against the TrueClicks sandbox API. It connects
 * with the sandbox credentials, imports every dataset into the fake spreadsheet, prints what landed in each tab,
 * and leaves the sandbox running. (`npm start` is the web workbench: scripts/workbench.mjs.)
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '4004';

/** The sandbox must run in another process: the fake UrlFetchApp blocks this one while it waits. */
function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'sandbox/start.js'), '--json', '--port', port], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, info: JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`the sandbox exited (code ${code}); see its message above (a busy port? try PORT=4010 node scripts/workbench-console.mjs)`)));
  });
}

/** The fakes are TypeScript: bundle them once with esbuild (already a dependency) and load the result. */
async function loadFakes() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-workbench-'));
  const out = path.join(dir, 'fakes.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'test/fakes/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  const fakes = require(out);
  rmSync(dir, { recursive: true, force: true });
  return fakes;
}

/** The first cells of a tab as Sheets would display them (number formats, spreadsheet time zone). */
function preview(displayValues, columns = 4, rows = 3) {
  return displayValues.slice(0, rows + 1).map((row) => row.slice(0, columns).map((s) => (s.length > 22 ? s.slice(0, 21) + '…' : s.padEnd(22))).join(' '));
}

const { child, info } = await startSandbox();
const stop = () => {
  child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const { createGasEnvironment } = await loadFakes();
const env = createGasEnvironment({ htmlDir: path.join(root, 'dist'), timeZone: 'Europe/Amsterdam' });
const addOn = require('gas-local').require(path.join(root, 'dist'), env.globals);

const baseUrl = `${info.url}/odata/`;
console.log(`\nTrueClicks sandbox API: ${baseUrl}\n  username: ${info.username}\n  token:    ${info.token}\n`);
addOn.saveConnection({ username: info.username, token: info.token, baseUrl });
console.log(`saveConnection + testConnection → ${addOn.testConnection().message}\n`);

for (const dataset of addOn.listDatasets()) {
  const started = Date.now();
  try {
    const r = addOn.importDataset({ dataset: dataset.key });
    console.log(`✔ ${dataset.key.padEnd(16)} → tab "${r.sheetName}": ${r.rows} rows × ${r.columns} columns (${Date.now() - started} ms)`);
    for (const line of preview(env.sheetSnapshot(r.sheetName).displayValues)) console.log(`    ${line}`);
  } catch (e) {
    console.log(`✘ ${dataset.key}: ${e.message}`);
  }
}
const status = addOn.getStatus();
console.log(`\n${status.imports.length} saved imports; refreshAll() → ${JSON.stringify(addOn.refreshAll(), (k, v) => (k === 'outcomes' ? undefined : v))}`);
env.close();
console.log(`\nThe sandbox keeps running at ${info.url} (Ctrl+C to stop). Try:\n  curl -u ${info.username}:${info.token} '${baseUrl}Accounts?$top=2'\n`);
