/**
 * `npm run bench [-- p1 p3 …]`: bundles bench/main.ts (TypeScript, importing src/ and the test fakes) with
 * esbuild, builds the add-on, and runs the benchmarks. Figures and ratios only; nothing here is a test.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(tmpdir(), 'tc-bench-'));
const out = path.join(dir, 'bench.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'bench/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning', nodePaths: [path.join(root, 'node_modules')] });
process.env.BENCH_ROOT = root;
const require = createRequire(path.join(root, 'package.json'));
try {
  await require(out).main(process.argv.slice(2).map((a) => a.toLowerCase()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
