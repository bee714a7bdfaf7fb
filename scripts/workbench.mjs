/**
 * The local workbench (`npm start`): the real sidebar (dist/sidebar.html) beside a view of a fake spreadsheet,
 * with google.script.run bridged to the real dist/Code.js running on the Apps Script fakes the tests use,
 * against the TrueClicks sandbox API. No Google account needed. See workbench/server.mjs for how it is built.
 *
 *   node scripts/workbench.mjs [--port 8080] [--sandbox-port 4004] [--latency 0] [--scale 1] [--page-size 50] [--json]
 *
 * `--without name,name` hides server functions, as an older deployment would (tests of "not available yet").
 * Environment: WORKBENCH_PORT, PORT (the sandbox's, as before), LATENCY. A busy default port falls back to a
 * free one; a port given explicitly must be free. --json prints one line {url, sandbox} when ready (for tests)
 * and stops when stdin closes. Ctrl+C / SIGTERM stop everything (the sandbox child included).
 */
import { startWorkbench } from '../workbench/server.mjs';
import { parseCliArgs } from './cli-args.cjs';

const OPTIONS = {
  '--json': ['json', 'flag'],
  '--without': ['without', 'list'], // for tests: act like a deployment without these server functions
  '--port': ['port', 'number'],
  '--sandbox-port': ['sandboxPort', 'number'],
  '--latency': ['latencyMs', 'number'],
  '--scale': ['scale', 'number'],
  '--page-size': ['pageSize', 'number'],
};

/** Options the command line left out, from the environment: [option, variable, counts as an explicit port]. */
const FROM_ENV = [
  ['port', 'WORKBENCH_PORT', true],
  ['sandboxPort', 'PORT', true],
  ['latencyMs', 'LATENCY', false],
];

function parseArgs(argv) {
  const { options, given } = parseCliArgs(argv, OPTIONS);
  const opts = Object.assign({ json: false }, options, { explicit: given });
  for (const [key, name, explicit] of FROM_ENV) {
    if (opts[key] !== undefined || process.env[name] === undefined || process.env[name] === '') continue;
    opts[key] = Number(process.env[name]);
    if (explicit) opts.explicit.add(key);
  }
  return opts;
}

const USAGE = 'Usage: npm start -- [--port 8080] [--sandbox-port 4004] [--latency 0] [--scale 1] [--page-size 50]';

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}

const say = opts.json ? (line) => process.stderr.write(`${line}\n`) : (line) => console.log(line);
let workbench = null;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (workbench) await workbench.close();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

try {
  workbench = await startWorkbench({
    port: opts.port ?? 8080,
    sandboxPort: opts.sandboxPort ?? 4004,
    latencyMs: opts.latencyMs ?? 0,
    scale: opts.scale,
    pageSize: opts.pageSize,
    without: opts.without,
    // Only ports we chose may move; a port the user asked for must be free.
    fallbackPorts: !(opts.explicit.has('port') || opts.explicit.has('sandboxPort')),
    log: opts.json ? () => undefined : (line) => console.log(`  ${line}`),
  });
} catch (e) {
  console.error(`The workbench could not start: ${e.message}`);
  if (e.code === 'EADDRINUSE') console.error('That port is in use; pick another, e.g. npm start -- --port 8090');
  process.exit(1);
}
if (stopping) await stop(0);

if (opts.json) {
  process.stdout.write(`${JSON.stringify({ url: workbench.url, sandbox: workbench.sandbox, functions: workbench.functions })}\n`);
  // The parent (a test) went away: stop too, so nothing is left running.
  process.stdin.on('end', () => stop(0));
  process.stdin.on('close', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.resume();
} else {
  const s = workbench.sandbox;
  say(`
TrueClicks for Sheets — local workbench

  Open ${workbench.url} in a browser.

  Connect in the sidebar with the sandbox's credentials:
    Username      ${s.username}
    Token         ${s.token}
    API base URL  ${s.odataUrl}   (sidebar → Connection → Advanced)

  The sandbox API runs at ${s.url} (latency ${opts.latencyMs ?? 0} ms per request; change it on the page or with --latency).
  Server calls are logged below. Ctrl+C stops everything.
`);
}
