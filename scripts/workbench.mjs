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

function parseArgs(argv) {
  const numeric = { '--port': 'port', '--sandbox-port': 'sandboxPort', '--latency': 'latencyMs', '--scale': 'scale', '--page-size': 'pageSize' };
  const opts = { json: false, explicit: new Set() };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--json') opts.json = true;
    else if (arg === '--without') {
      // for tests: act like a deployment without these server functions
      const raw = value !== undefined ? value : argv[++i];
      opts.without = String(raw || '').split(',').map((s) => s.trim()).filter(Boolean);
    }
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else if (numeric[arg]) {
      const raw = value !== undefined ? value : argv[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${arg} needs a non-negative number (got ${raw})`);
      opts[numeric[arg]] = n;
      opts.explicit.add(numeric[arg]);
    } else throw new Error(`Unknown argument: ${argv[i]}`);
  }
  const env = (name) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : undefined);
  if (opts.port === undefined && env('WORKBENCH_PORT') !== undefined) {
    opts.port = env('WORKBENCH_PORT');
    opts.explicit.add('port');
  }
  if (opts.sandboxPort === undefined && env('PORT') !== undefined) {
    opts.sandboxPort = env('PORT');
    opts.explicit.add('sandboxPort');
  }
  if (opts.latencyMs === undefined && env('LATENCY') !== undefined) opts.latencyMs = env('LATENCY');
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
