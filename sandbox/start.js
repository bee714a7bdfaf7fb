#!/usr/bin/env node
'use strict';
/**
 * CLI for the TrueClicks sandbox API.
 *
 *   node sandbox/start.js [--port 4004] [--host 127.0.0.1] [--scale 1] [--page-size 50] [--latency 0] [--max-page-size N] [--json]
 *
 * Without --json it prints the base URLs and the credentials to type into the add-on.
 * With --json it prints exactly one JSON line {"url","port","username","token"} on stdout when ready
 * (for test harnesses) and exits when its stdin closes, so a crashed parent does not leave it running.
 * SIGINT/SIGTERM close the server and exit 0.
 */
const { startSandbox, SANDBOX_USERNAME, SANDBOX_TOKEN } = require('./server');
const { parseCliArgs } = require('../scripts/cli-args.cjs');

const OPTIONS = {
  '--json': ['json', 'flag'],
  '--host': ['host', 'string'],
  '--port': ['port', 'number'],
  '--scale': ['scale', 'number'],
  '--page-size': ['pageSize', 'number'],
  '--latency': ['latencyMs', 'number'],
  '--max-page-size': ['maxPageSize', 'number'],
};

function parseArgs(argv) {
  const defaults = { port: 4004, host: '127.0.0.1', scale: 1, pageSize: 50, latencyMs: 0, json: false };
  const opts = Object.assign(defaults, parseCliArgs(argv, OPTIONS).options);
  if (!Number.isInteger(opts.pageSize) || opts.pageSize < 1) throw new Error('--page-size must be a positive integer');
  if (!(opts.scale > 0)) throw new Error('--scale must be > 0');
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\nUsage: node sandbox/start.js [--port 4004] [--host 127.0.0.1] [--scale 1] [--page-size 50] [--latency 0] [--max-page-size N] [--json]\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write('Usage: node sandbox/start.js [--port 4004] [--host 127.0.0.1] [--scale 1] [--page-size 50] [--latency 0] [--max-page-size N] [--json]\n');
    return;
  }
  const sandbox = await startSandbox({ port: opts.port, host: opts.host, scale: opts.scale, pageSize: opts.pageSize, latencyMs: opts.latencyMs, maxPageSize: opts.maxPageSize });

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    try {
      await sandbox.close();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  if (opts.json) {
    process.stdout.write(JSON.stringify({ url: sandbox.url, port: sandbox.port, username: SANDBOX_USERNAME, token: SANDBOX_TOKEN }) + '\n');
    // Parent went away (or closed our stdin): shut down.
    process.stdin.on('end', () => stop(0));
    process.stdin.on('close', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.resume();
    return;
  }
  const u = sandbox.url;
  process.stdout.write(
    [
      `TrueClicks sandbox API running (scale ${opts.scale}, page size ${opts.pageSize}, latency ${opts.latencyMs} ms)`,
      '',
      `  OData V4 (JSON)         ${u}/odata/`,
      `  OData V3 (JSON light)   ${u}/odata-v3/`,
      `  OData V2 (JSON verbose) ${u}/odata-v2/`,
      `  Check output table      ${u}/odata/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms`,
      `  Control (no auth)       ${u}/__sandbox/info`,
      '',
      `  Username: ${SANDBOX_USERNAME}`,
      `  Token:    ${SANDBOX_TOKEN}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  process.stderr.write(`Failed to start the sandbox: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
