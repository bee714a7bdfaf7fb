/**
 * The built dist/Code.js exposes exactly the entry points Apps Script needs, as top-level function
 * declarations that delegate into the bundle; menu handler names exist; custom-function JSDoc survives.
 * (`npm test` builds before running jest.)
 */
import { readFileSync } from 'fs';
import path from 'path';
import vm from 'vm';
import { MENU_HANDLERS } from '../../src/shared/entry-names';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENTRY_POINTS, BUNDLE_GLOBAL, renderWrappers } = require('../../scripts/entry-points.cjs');

const dist = path.join(__dirname, '..', '..', 'dist');
const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');

function topLevelFunctions(source: string): string[] {
  return Array.from(source.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm), (m) => m[1]).sort();
}

describe('dist/Code.js', () => {
  it('declares exactly the listed entry points as top-level functions', () => {
    expect(topLevelFunctions(code)).toEqual(ENTRY_POINTS.map((e: { name: string }) => e.name).sort());
  });
  it('each wrapper delegates to the bundle', () => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx);
    const exported = Object.keys(vm.runInContext(BUNDLE_GLOBAL, ctx)).sort();
    expect(exported).toEqual(topLevelFunctions(code));
    for (const e of ENTRY_POINTS) expect(typeof ctx[e.name]).toBe('function');
  });
  it('has a handler for every menu item', () => {
    const names = ENTRY_POINTS.map((e: { name: string }) => e.name);
    for (const handler of Object.values(MENU_HANDLERS)) expect(names).toContain(handler);
  });
  it('uses no Node or browser globals that Apps Script lacks', () => {
    // `.fetch(` (UrlFetchApp.fetch, deps.fetch) is fine; a bare global fetch( is not.
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bsetTimeout\(|\bnew URL\(|(^|[^.\w])fetch\(/m);
  });
  it('ships a manifest and a self-contained sidebar', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/]+\/.*$/);
    const sidebar = readFileSync(path.join(dist, 'sidebar.html'), 'utf8');
    expect(sidebar).not.toMatch(/(src|href)=["']https?:/);
    expect(sidebar).not.toContain('inline:sidebar');
  });
});

describe('renderWrappers', () => {
  it('puts custom-function JSDoc, with @customfunction, right above the wrapper', () => {
    const out = renderWrappers([{ name: 'TRUECLICKS', params: ['dataset', 'top'], doc: ['Imports a dataset.', '@param {string} dataset Dataset key', '@customfunction'] }], 'G');
    expect(out).toBe('/**\n * Imports a dataset.\n * @param {string} dataset Dataset key\n * @customfunction\n */\nfunction TRUECLICKS(dataset, top) {\n  return G.TRUECLICKS(dataset, top);\n}');
  });
});
