/**
 * ImportJSON as published (bench/vendor/importjson, upstream commit stated there), loaded unchanged into a vm
 * context: its own `parseJSONObject_` with `includeXPath_` and `defaultTransform_`, exactly what `ImportJSON(url)`
 * runs on the parsed response. For P3b only; never part of the add-on.
 */
import fs from 'fs';
import path from 'path';
import vm from 'vm';

export const UPSTREAM_COMMIT = '13eb0aba908194bd255fce1faaed3629f1f9f5c4';

type Transform = (parsed: unknown) => unknown[][];

export function loadUpstreamImportJson(root: string): Transform {
  const source = fs.readFileSync(path.join(root, 'bench/vendor/importjson/ImportJSON.gs'), 'utf8');
  const context = vm.createContext({});
  vm.runInContext(source, context, { filename: 'ImportJSON.gs' });
  const api = context as unknown as {
    parseJSONObject_(object: unknown, query: unknown, options: unknown, include: unknown, transform: unknown): unknown[][];
    includeXPath_: unknown;
    defaultTransform_: unknown;
  };
  return (parsed) => api.parseJSONObject_(parsed, '', '', api.includeXPath_, api.defaultTransform_);
}
