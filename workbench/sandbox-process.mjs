/**
 * Starts the TrueClicks sandbox API in a child process (`node sandbox/start.js --json`). It must never share a
 * thread with the add-on: the fake UrlFetchApp blocks its thread while it waits for the answer.
 * With --json the child also exits when its stdin closes, so it cannot outlive a crashed workbench.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 30000;

/**
 * @param {{ port?: number, latencyMs?: number, scale?: number, pageSize?: number }} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, info: { url: string, port: number, username: string, token: string } }>}
 */
export function startSandbox({ port = 0, latencyMs = 0, scale, pageSize } = {}) {
  const args = [path.join(ROOT, 'sandbox/start.js'), '--json', '--port', String(port), '--latency', String(latencyMs)];
  if (scale !== undefined) args.push('--scale', String(scale));
  if (pageSize !== undefined) args.push('--page-size', String(pageSize));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`the sandbox did not start within ${START_TIMEOUT_MS / 1000} s\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) finish(null, { child, info: JSON.parse(line) });
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (settled) process.stderr.write(`[sandbox] ${chunk}`);
    });
    child.on('error', (e) => finish(e));
    child.on('exit', (code) => finish(Object.assign(new Error(`the sandbox exited (code ${code}) before it was ready: ${stderr.trim() || 'no message'}`), { busyPort: /EADDRINUSE/.test(stderr) })));
  });
}

/** Stops the sandbox child: SIGTERM, then SIGKILL if it has not exited after `timeoutMs`. */
export function stopSandbox(child, timeoutMs = 3000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
