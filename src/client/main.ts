/**
 * The sidebar's entry point (bundled by build.mjs and inlined into dist/sidebar.html): loads the catalogue and
 * the status, and registers the tabs. A new section is one line in TABS (its panel may come from sidebar.html or
 * be created by its init).
 */
import { initBanner, refreshStatus } from './app';
import { byId } from './dom';
import { registerTabs, TabSpec } from './layout';
import { call } from './rpc';
import { initChecks } from './sections/checks';
import { initConnect } from './sections/connect';
import { initImport } from './sections/import';
import { initSaved } from './sections/saved';
import { initSchedule } from './sections/schedule';
import { initReports } from './sections/reports';
import type { DatasetInfo } from './server-api';

async function start(): Promise<void> {
  initBanner();
  initConnect();
  let datasets: DatasetInfo[] = [];
  try {
    datasets = await call('listDatasets');
  } catch (e) {
    byId('app-error').textContent = `Could not load the dataset list: ${(e as Error).message}`;
    byId('app-banner').hidden = false;
  }
  const TABS: TabSpec[] = [
    { id: 'import', label: 'Import', init: () => initImport(datasets) },
    { id: 'checks', label: 'Check tables', init: initChecks },
    { id: 'saved', label: 'Saved', init: initSaved },
    { id: 'schedule', label: 'Schedule', init: initSchedule },
    { id: 'reports', label: 'Reports', init: initReports },
  ];
  registerTabs(TABS);
  await refreshStatus();
  document.body.setAttribute('data-ready', 'true');
}

start();
