/**
 * src/main.ts is the only list of entry points: adding an export there alone must make it a top-level function
 * in dist/Code.js, a typed server function for the sidebar (src/client/server-api.ts) and a typed function of the
 * tests' handle (test/support/addon.ts). Proved on a scratch copy of the project: the real build runs on it and
 * the TypeScript compiler checks a probe that uses the new function through both derived types — and, as a
 * control, rejects the same probe on the unmodified copy.
 */
import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const DUMMY = `
/** A dummy entry point added by the single-entry-list test. */
export function zzDummyEntry(text: string): { echoed: string; at: Date } {
  return { echoed: text, at: new Date(0) };
}
`;

// Uses the dummy through the sidebar's derived type (Date arrives as text) and the tests' handle (in-process).
const PROBE = `
import type { ServerApi } from './src/client/server-api';
import type { AddOn } from './test/support/addon';
declare const sidebar: ServerApi;
declare const addOn: AddOn;
const fromSidebar: { echoed: string; at: string } = sidebar.zzDummyEntry('ping');
const fromTests: Date = addOn.zzDummyEntry('ping').at;
export const used = [fromSidebar, fromTests];
`;

const PROBE_TSCONFIG = {
  extends: './tsconfig.test.json',
  compilerOptions: { noEmit: true, lib: ['ES2022', 'DOM'] },
  include: ['probe.ts'],
};

function scratchCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'entry-list-'));
  for (const item of ['src', 'scripts', 'build.mjs', 'appsscript.json', 'tsconfig.json', 'tsconfig.test.json', 'test/support', 'test/fakes']) {
    cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'probe.ts'), PROBE);
  writeFileSync(path.join(dir, 'tsconfig.probe.json'), JSON.stringify(PROBE_TSCONFIG));
  return dir;
}

function typeCheckProbe(dir: string): string {
  try {
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.probe.json'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return 'ok';
  } catch (e) {
    return String((e as { stdout?: string }).stdout || e);
  }
}

describe('src/main.ts is the one list of entry points', () => {
  let dir = '';
  beforeAll(() => {
    dir = scratchCopy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without the export, the probe does not compile (the check can fail)', () => {
    expect(typeCheckProbe(dir)).toMatch(/zzDummyEntry/);
  });

  it('an export added to src/main.ts alone reaches dist/Code.js, the sidebar types and the tests\' handle', () => {
    appendFileSync(path.join(dir, 'src', 'main.ts'), DUMMY);
    execFileSync(process.execPath, ['build.mjs'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    const code = readFileSync(path.join(dir, 'dist', 'Code.js'), 'utf8');
    expect(code).toMatch(/\nfunction zzDummyEntry\(text\) \{\n {2}return TrueClicksForSheets\.zzDummyEntry\(text\);\n\}/);
    expect(typeCheckProbe(dir)).toBe('ok');
  });
});
