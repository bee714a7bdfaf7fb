'use strict';
/**
 * Jest globalSetup: starts ONE shared sandbox API for the whole run.
 *
 * The sandbox runs in a CHILD PROCESS, never in this (jest parent) process: tests that make synchronous
 * HTTP calls (the fake UrlFetchApp blocks its thread with Atomics.wait) would deadlock against a server
 * living in the same process whenever jest runs in-band (-i, or automatically for a single test file).
 * See /work/shared/reference/tooling-notes.md §4.
 *
 * The child prints one JSON line when ready; we export it through process.env (which reaches the test
 * workers) and keep the handle on globalThis.__SANDBOX__ for global-teardown.js. The child also exits by
 * itself when its stdin closes, so a crashed jest does not leave it running.
 *
 * IMPORTANT: jest runs test files in parallel workers against this one shared sandbox. Tests that inject
 * faults or change config (POST /__sandbox/faults, /__sandbox/config) or read the request log must use a
 * sandbox of their own: `startPrivateSandbox()` from test/support/sandbox.ts (and still reset it in
 * afterEach with `control.reset()`). Read-only tests may use the shared one (`sharedSandbox()`).
 */
const { spawn } = require('child_process');
const path = require('path');

const START_TIMEOUT_MS = 20000;

function startSandboxChild(extraArgs = []) {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, [path.join(root, 'sandbox', 'start.js'), '--json', '--port', '0', ...extraArgs], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      reject(new Error(`${message}\n--- sandbox stderr ---\n${stderr.trim() || '(empty)'}\n--- sandbox stdout ---\n${stdout.trim() || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`The sandbox did not report ready within ${START_TIMEOUT_MS / 1000} s.`), START_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      stdout += d;
      if (settled) return;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      let info;
      try {
        info = JSON.parse(stdout.slice(0, nl));
      } catch {
        fail('The sandbox printed something that is not the JSON ready line.');
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({ child, info });
    });
    child.on('error', (err) => fail(`Could not spawn the sandbox: ${err.message}`));
    child.on('exit', (code, signal) => fail(`The sandbox exited before it was ready (code ${code}, signal ${signal}).`));
  });
}

module.exports = async function globalSetup() {
  const { child, info } = await startSandboxChild();
  process.env.SANDBOX_URL = info.url;
  process.env.SANDBOX_USERNAME = info.username;
  process.env.SANDBOX_TOKEN = info.token;
  globalThis.__SANDBOX__ = child;
};

module.exports.startSandboxChild = startSandboxChild;
