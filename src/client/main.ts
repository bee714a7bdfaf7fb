/**
 * The sidebar's entry point (bundled by build.mjs and inlined into dist/sidebar.html): loads the catalogue and
 * the status, then hands each section its part of the page.
 */
import { refreshStatus } from './app';
import { byId } from './dom';
import { call, show } from './rpc';
import { initChecks } from './sections/checks';
import { initConnect } from './sections/connect';
import { initImport } from './sections/import';
import { initSaved } from './sections/saved';
import { initSchedule } from './sections/schedule';
import { initReports } from './sections/reports';
import type { DatasetInfo } from './server-api';

/** When the user opens a section that would open below the fold, bring it up. */
function scrollOpenedSections(): void {
  document.querySelectorAll<HTMLDetailsElement>('details.card').forEach((section) => {
    const summary = section.querySelector('summary');
    if (!summary) return;
    summary.addEventListener('click', () => {
      window.setTimeout(() => {
        if (section.open && section.getBoundingClientRect().bottom > window.innerHeight) summary.scrollIntoView({ block: 'start' });
      }, 0);
    });
  });
}

async function start(): Promise<void> {
  scrollOpenedSections();
  initConnect();
  let datasets: DatasetInfo[] = [];
  try {
    datasets = await call('listDatasets');
  } catch (e) {
    show(byId('app-error'), `Could not load the dataset list: ${(e as Error).message}`, 'error');
  }
  initImport(datasets);
  initChecks();
  initSaved();
  initSchedule();
  initReports();
  await refreshStatus();
  document.body.setAttribute('data-ready', 'true');
}

start();
