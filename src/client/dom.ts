/** Small DOM helpers. Server data only ever reaches the page as textContent or attribute values, never as HTML. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`sidebar.html has no #${id}`);
  return node as T;
}

type Child = Node | string | null | undefined | false;

/** Creates an element: `el('button', { className: 'link', type: 'button' }, 'Go to tab')`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { attrs?: Record<string, string> } = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { attrs, ...rest } = props;
  Object.assign(node, rest);
  if (attrs) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function clear(node: HTMLElement): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** 3120 → "3,120" */
export function formatCount(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : '–';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The spreadsheet's time zone: every time the sidebar shows is in it (the browser's own zone may differ). */
let timeZone: string | undefined;

export function spreadsheetTimeZone(): string | undefined {
  return timeZone;
}

export function setTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    timeZone = zone;
  } catch (_unknownZone) {
    timeZone = undefined;
  }
}

/** An ISO date-time as a short date and time in the spreadsheet's zone ("23 Nov 2026, 10:04"); text that is not a date is shown as is. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return String(iso);
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
}

