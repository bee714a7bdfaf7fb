/**
 * The built dist/Code.js exposes exactly src/main.ts's exported functions, as top-level function declarations
 * that delegate into the bundle; menu handler names exist; custom-function JSDoc survives; the file is plain
 * printable ASCII. (`npm test` builds before running jest.)
 */
import { readFileSync } from 'fs';
import path from 'path';
import vm from 'vm';
import { MENU_HANDLERS, TRIGGER_HANDLERS } from '../../src/shared/entry-names';
const { BUNDLE_GLOBAL, readEntryPoints, renderWrappers } = require('../../scripts/entry-points.cjs');

const ROOT = path.join(__dirname, '..', '..');
const code = readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8');
const ENTRY_POINTS: Array<{ name: string; params: string[]; doc?: string[] }> = readEntryPoints(path.join(ROOT, 'src', 'main.ts'));

function topLevelFunctions(source: string): string[] {
  return Array.from(source.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm), (m) => m[1]).sort();
}

describe('dist/Code.js', () => {
  it('declares exactly the exported functions of src/main.ts as top-level functions', () => {
    expect(ENTRY_POINTS.length).toBeGreaterThan(20);
    expect(topLevelFunctions(code)).toEqual(ENTRY_POINTS.map((e) => e.name).sort());
  });
  it('each wrapper delegates to the bundle', () => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx);
    const exported = Object.keys(vm.runInContext(BUNDLE_GLOBAL, ctx)).sort();
    expect(exported).toEqual(topLevelFunctions(code));
    for (const e of ENTRY_POINTS) expect(typeof ctx[e.name]).toBe('function');
  });
  it('has a handler for every menu item and trigger', () => {
    const names = ENTRY_POINTS.map((e) => e.name);
    for (const handler of [...Object.values(MENU_HANDLERS), ...Object.values(TRIGGER_HANDLERS)]) expect(names).toContain(handler);
  });
  it('keeps the custom functions\' JSDoc, with @customfunction and named parameters, above their wrappers', () => {
    expect(code).toMatch(/@param \{string\} dataset [^\n]*\n[\s\S]*?@customfunction\n \*\/\nfunction TRUECLICKS\(dataset, columns, filter, orderby, top\) \{/);
    expect(code).toMatch(/@customfunction\n \*\/\nfunction TRUECLICKS_TABLE\(ruleKey, accountIds\) \{/);
    expect(code).toMatch(/\nfunction onOpen\(e\) \{/);
  });
  it('is plain printable ASCII, so no raw control or non-ASCII character reaches the Apps Script editor', () => {
    const offending = Array.from(code).filter((c) => !/[\t\n\r\x20-\x7e]/.test(c));
    expect(offending).toEqual([]);
    // The source does hold such characters (a NUL-like marker, dashes in comments): they arrive escaped.
    expect(code).toContain('\\u0001');
  });
  it('uses no Node or browser globals that Apps Script lacks', () => {
    // `.fetch(` (UrlFetchApp.fetch, deps.fetch) is fine; a bare global fetch( is not.
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bsetTimeout\(|\bnew URL\(|(^|[^.\w])fetch\(/m);
  });
  it('ships a manifest and a self-contained sidebar', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/]+\/.*$/);
    const sidebar = readFileSync(path.join(ROOT, 'dist', 'sidebar.html'), 'utf8');
    expect(sidebar).not.toMatch(/(src|href)=["']https?:/);
    expect(sidebar).not.toContain('inline:sidebar');
  });
});

describe('readEntryPoints', () => {
  it('reads exported functions with their parameters, and JSDoc only for custom functions', () => {
    const source = [
      "import { x } from './x';",
      'export interface Shape { a: number }',
      '/** Opens things. */',
      'export function onOpen(_e?: unknown): void {}',
      'function helper(): void {}',
      '/**',
      ' * Doubles.',
      ' * @param {number} n A number.',
      ' * @customfunction',
      ' */',
      'export function DOUBLE(n: number): number { return 2 * n; }',
    ].join('\n');
    expect(readEntryPoints('main.ts', source)).toEqual([
      { name: 'onOpen', params: ['e'], doc: undefined },
      { name: 'DOUBLE', params: ['n'], doc: ['Doubles.', '@param {number} n A number.', '@customfunction'] },
    ]);
  });
  it('refuses exports Apps Script could not see as functions', () => {
    expect(() => readEntryPoints('main.ts', 'export const VERSION = 1;')).toThrow(/only function declarations/);
    expect(() => readEntryPoints('main.ts', "export { a } from './a';")).toThrow(/only function declarations/);
    expect(() => readEntryPoints('main.ts', 'export function f(...args: unknown[]) {}')).toThrow(/plain named parameters/);
  });
});

describe('renderWrappers', () => {
  it('puts custom-function JSDoc, with @customfunction, right above the wrapper', () => {
    const out = renderWrappers([{ name: 'TRUECLICKS', params: ['dataset', 'top'], doc: ['Imports a dataset.', '@param {string} dataset Dataset key', '@customfunction'] }], 'G');
    expect(out).toBe('/**\n * Imports a dataset.\n * @param {string} dataset Dataset key\n * @customfunction\n */\nfunction TRUECLICKS(dataset, top) {\n  return G.TRUECLICKS(dataset, top);\n}');
  });
});
