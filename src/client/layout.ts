/**
 * The sidebar's tabs: a small registry, so a section is added with one line in main.ts. Each tab is a panel
 * (an element with the tab's id, from sidebar.html or created here) and a button in the tab strip; only the
 * chosen panel is shown, so the primary action of each stays above the fold in a 300 × 600 px sidebar.
 */
import { byId, el } from './dom';

export interface TabSpec {
  /** The panel element's id (created when sidebar.html has none). */
  id: string;
  label: string;
  /** Fills the panel and wires its controls; runs once, in registration order. */
  init?: (panel: HTMLElement) => void;
}

const tabs: TabSpec[] = [];
const showListeners = new Map<string, Array<() => void>>();
let current: string | null = null;

function panelOf(spec: TabSpec): HTMLElement {
  const existing = document.getElementById(spec.id);
  if (existing) return existing;
  const panel = el('section', { id: spec.id, className: 'panel', hidden: true, attrs: { role: 'tabpanel', 'aria-labelledby': `tab-${spec.id}` } });
  byId('tablist').parentElement!.appendChild(panel);
  return panel;
}

function tabButton(spec: TabSpec): HTMLButtonElement {
  const b = el('button', { type: 'button', id: `tab-${spec.id}`, className: 'tab', textContent: spec.label, attrs: { role: 'tab', 'aria-controls': spec.id, 'aria-selected': 'false', tabindex: '-1' } });
  b.addEventListener('click', () => showTab(spec.id));
  return b;
}

/** Arrow keys move between tabs, as the WAI-ARIA tabs pattern says. */
function onTabKey(ev: KeyboardEvent): void {
  const i = tabs.findIndex((t) => t.id === current);
  const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
  if (!step || i < 0) return;
  ev.preventDefault();
  const next = tabs[(i + step + tabs.length) % tabs.length];
  showTab(next.id);
  byId(`tab-${next.id}`).focus();
}

/** Registers tabs in order: builds the strip, runs each init, shows the first. */
export function registerTabs(specs: TabSpec[]): void {
  const strip = byId('tablist');
  strip.addEventListener('keydown', onTabKey);
  for (const spec of specs) {
    tabs.push(spec);
    const panel = panelOf(spec);
    strip.appendChild(tabButton(spec));
    if (spec.init) spec.init(panel);
  }
  if (!current && tabs.length) showTab(tabs[0].id);
}

export function showTab(id: string): void {
  if (!tabs.some((t) => t.id === id)) return;
  current = id;
  for (const t of tabs) {
    const on = t.id === id;
    byId(t.id).hidden = !on;
    const b = byId(`tab-${t.id}`);
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.setAttribute('tabindex', on ? '0' : '-1');
  }
  for (const fn of showListeners.get(id) || []) fn();
}

export function isShown(id: string): boolean {
  return current === id;
}

/** Runs `fn` whenever the tab is shown. */
export function onShow(id: string, fn: () => void): void {
  const list = showListeners.get(id) || [];
  list.push(fn);
  showListeners.set(id, list);
}

/** A count beside a tab's label (e.g. how many saved imports); empty hides it. */
export function setTabBadge(id: string, text: string): void {
  const b = document.getElementById(`tab-${id}`);
  if (!b) return;
  let badge = b.querySelector<HTMLElement>('.count');
  if (!badge) {
    badge = el('span', { className: 'count', attrs: { 'aria-hidden': 'true' } });
    b.appendChild(badge);
  }
  badge.textContent = text;
  badge.hidden = !text;
}
