/**
 * Ui (SpreadsheetApp.getUi()) and HtmlService fakes. Everything shown is recorded in env.ui.
 *  - Menus: allowed in every auth mode except custom functions; recorded on addToUi().
 *  - Sidebars, dialogs, alerts, prompts: FULL only ("You do not have permission to call
 *    Ui.showSidebar" in NONE/LIMITED).
 *  - getUi() in a custom function or a trigger run: "Cannot call SpreadsheetApp.getUi() from this
 *    context." [V wording].
 *  - alert()/prompt() answer from env.ui.responses (queue) or with OK (YES for YES_NO sets).
 *  - HtmlService.createHtmlOutputFromFile(name) reads <htmlDir>/<name>.html; a missing file throws
 *    "No HTML file named <name> was found." [V wording]. Templates support <? ?>, <?= ?> (HTML-escaped)
 *    and <?!= ?>; names resolve to template properties first, then to the script's globals (so a
 *    bundle's top-level include() works once gas-local has loaded it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { requireAuth } from './auth';
import { EnumMember, GasContext, makeEnum } from './context';

const UI_ENUMS = {
  Button: makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const),
  ButtonSet: makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const),
};

type MenuItemRecord =
  | { label: string; functionName: string }
  | { separator: true }
  | { subMenu: MenuRecord };

export interface MenuRecord {
  name: string;
  addon: boolean;
  items: MenuItemRecord[];
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width?: number;
  height?: number;
}

export interface UiRecorder {
  menus: MenuRecord[];
  sidebars: DialogRecord[];
  dialogs: DialogRecord[];
  alerts: { title: string; prompt: string; buttons: string }[];
  prompts: { title: string; prompt: string; buttons: string }[];
  toasts: { message: string; title: string; timeoutSeconds?: number }[];
  /** queued answers for alert() (a Button or its name) and prompt() ({ text, button }) */
  responses: unknown[];
}

export const newUiRecorder = (): UiRecorder => ({
  menus: [], sidebars: [], dialogs: [], alerts: [], prompts: [], toasts: [], responses: [],
});

export class FakeHtmlOutput {
  private title = '';
  private width?: number;
  private height?: number;

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): FakeHtmlOutput {
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  clear(): FakeHtmlOutput {
    this.content = '';
    return this;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }

  getWidth(): number | undefined {
    return this.width;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this;
  }

  getHeight(): number | undefined {
    return this.height;
  }

  setSandboxMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }

  setXFrameOptionsMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }

  addMetaTag(_name: string, _content: string): FakeHtmlOutput {
    return this;
  }

  setFaviconUrl(_iconUrl: string): FakeHtmlOutput {
    return this;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Compiles <? code ?>, <?= expr ?> and <?!= expr ?> into a function body. */
function compileTemplate(source: string): string {
  let body = 'var __out = "";\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    body += `__out += ${JSON.stringify(source.slice(last, m.index))};\n`;
    if (m[1] === '=') body += `__out += __esc(${m[2]});\n`;
    else if (m[1] === '!=') body += `__out += __str(${m[2]});\n`;
    else body += `${m[2]}\n`;
    last = re.lastIndex;
  }
  body += `__out += ${JSON.stringify(source.slice(last))};\nreturn __out;`;
  return body;
}

export function createHtmlService(ctx: GasContext) {
  const readFile = (name: string): string => {
    const base = String(name).replace(/\.html$/, '');
    const file = ctx.options.htmlDir ? path.join(ctx.options.htmlDir, `${base}.html`) : undefined;
    if (!file || !fs.existsSync(file)) throw ctx.error(`No HTML file named ${base} was found.`);
    return fs.readFileSync(file, 'utf8');
  };

  const template = (source: string) => {
    const t: Record<string, unknown> = {
      getRawContent: () => source,
      getCode: () => compileTemplate(source),
      evaluate: () => {
        const vars = t;
        const scope = new Proxy({} as Record<string, unknown>, {
          has: (_o, k) => typeof k === 'string' && !k.startsWith('__') && (k in vars || k in ctx.globals),
          get: (_o, k) => (typeof k === 'string' && k in vars ? vars[k] : ctx.globals[k as string]),
        });
        const fn = new Function('__scope', '__esc', '__str', `with (__scope) {\n${compileTemplate(source)}\n}`);
        const html = fn(scope, (v: unknown) => escapeHtml(String(v ?? '')), (v: unknown) => String(v ?? '')) as string;
        return new FakeHtmlOutput(html);
      },
    };
    return t;
  };

  return {
    SandboxMode: makeEnum(['EMULATED', 'IFRAME', 'NATIVE'] as const),
    XFrameOptionsMode: makeEnum(['ALLOWALL', 'DEFAULT'] as const),
    createHtmlOutput: (html?: string) => new FakeHtmlOutput(html === undefined ? '' : String(html)),
    createHtmlOutputFromFile: (filename: string) => new FakeHtmlOutput(readFile(filename)),
    createTemplate: (html: string) => template(String(html)),
    createTemplateFromFile: (filename: string) => template(readFile(filename)),
  };
}

export function createUi(ctx: GasContext, rec: UiRecorder) {
  const { Button, ButtonSet } = UI_ENUMS;

  function menu(name: string, addon: boolean) {
    const items: MenuItemRecord[] = [];
    const m = {
      addItem(caption: string, functionName: string) {
        items.push({ label: String(caption), functionName: String(functionName) });
        return m;
      },
      addSeparator() {
        items.push({ separator: true });
        return m;
      },
      addSubMenu(sub: { _record(): MenuRecord }) {
        items.push({ subMenu: sub._record() });
        return m;
      },
      addToUi() {
        requireAuth(ctx, 'ui.menu', 'Menu.addToUi');
        rec.menus = rec.menus.filter((x) => !(x.name === name && x.addon === addon));
        rec.menus.push(m._record());
      },
      _record: (): MenuRecord => ({ name, addon, items: items.map((i) => ('subMenu' in i ? { subMenu: { ...i.subMenu } } : { ...i })) }),
    };
    return m;
  }

  const dialog = (kind: DialogRecord['kind'], call: string, out: FakeHtmlOutput, title?: string) => {
    requireAuth(ctx, 'ui.dialog', call);
    const r: DialogRecord = { kind, title: title ?? out.getTitle(), html: out.getContent(), width: out.getWidth(), height: out.getHeight() };
    (kind === 'sidebar' ? rec.sidebars : rec.dialogs).push(r);
  };

  const positive = (buttons: EnumMember | undefined): EnumMember =>
    buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? Button.YES : Button.OK;

  const toButton = (v: unknown): EnumMember => (Button as Record<string, EnumMember>)[String(v)] ?? Button.OK;

  return {
    Button,
    ButtonSet,
    createAddonMenu: () => menu(ctx.options.addonName, true),
    createMenu: (caption: string) => menu(String(caption), false),
    showSidebar: (userInterface: FakeHtmlOutput) => dialog('sidebar', 'Ui.showSidebar', userInterface),
    showModalDialog: (userInterface: FakeHtmlOutput, title: string) => dialog('modal', 'Ui.showModalDialog', userInterface, title),
    showModelessDialog: (userInterface: FakeHtmlOutput, title: string) => dialog('modeless', 'Ui.showModelessDialog', userInterface, title),
    alert(a: string, b?: unknown, c?: EnumMember): EnumMember {
      requireAuth(ctx, 'ui.dialog', 'Ui.alert');
      const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b as EnumMember | undefined];
      rec.alerts.push({ title: String(title), prompt: String(prompt), buttons: String(buttons ?? ButtonSet.OK) });
      return rec.responses.length ? toButton(rec.responses.shift()) : positive(buttons);
    },
    prompt(a: string, b?: unknown, c?: EnumMember) {
      requireAuth(ctx, 'ui.dialog', 'Ui.prompt');
      const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b as EnumMember | undefined];
      rec.prompts.push({ title: String(title), prompt: String(prompt), buttons: String(buttons ?? ButtonSet.OK) });
      const r = (rec.responses.shift() ?? {}) as { text?: string; button?: unknown };
      const button = r.button === undefined ? positive(buttons) : toButton(r.button);
      return { getResponseText: () => r.text ?? '', getSelectedButton: () => button };
    },
  };
}
