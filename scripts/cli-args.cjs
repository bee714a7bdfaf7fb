'use strict';
/**
 * The command-line parser of the repository's scripts (sandbox/start.js, scripts/workbench.mjs). CommonJS so that
 * both .js and .mjs scripts can load it.
 *
 *   parseCliArgs(argv, { '--port': ['port', 'number'], '--host': ['host', 'string'], '--json': ['json', 'flag'],
 *                        '--without': ['without', 'list'] })
 *   → { options: { port: 8080, json: true, … }, given: Set(['port', 'json', …]) }
 *
 * Values come as `--name value` or `--name=value`. Kinds: `flag` (true; a `=value` is ignored), `number` (a
 * non-negative finite number, else an error), `string` (as given; missing at the end of argv: undefined), `list`
 * (comma-separated, trimmed, empties dropped). `--help` and `-h` always set `help`. Options not given are left out
 * of `options` (the caller applies its defaults); `given` names the options the command line set. An unknown
 * argument throws `Unknown argument: …`.
 */

const HELP = { '--help': ['help', 'flag'], '-h': ['help', 'flag'] };

/** `--name=value` → ['--name', 'value']; anything else → [arg, undefined]. */
function splitInlineValue(arg) {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

const CONVERT = {
  number(raw, name) {
    const n = Number(raw);
    if (raw === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number (got ${raw})`);
    return n;
  },
  string: (raw) => raw,
  list: (raw) => String(raw || '').split(',').map((s) => s.trim()).filter(Boolean),
};

function parseCliArgs(argv, spec) {
  const known = Object.assign({}, HELP, spec);
  const options = {};
  const given = new Set();
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = splitInlineValue(argv[i]);
    if (!Object.prototype.hasOwnProperty.call(known, name)) throw new Error(`Unknown argument: ${argv[i]}`);
    const [key, kind] = known[name];
    if (kind === 'flag') options[key] = true;
    else options[key] = CONVERT[kind](inline !== undefined ? inline : argv[++i], name);
    given.add(key);
  }
  return { options, given };
}

module.exports = { parseCliArgs };
