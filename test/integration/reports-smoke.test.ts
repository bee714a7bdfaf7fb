import { loadAddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import { evaluateWorkbook } from '../fakes/formula-engine';

const sb = sharedSandbox();
it('smoke', () => {
  const { env, addOn } = loadAddOn();
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
  for (const d of ['accounts', 'account-history']) addOn.importDataset({ dataset: d });
  addOn.createReport({ template: 'account-health' });
  const wb = evaluateWorkbook(env.spreadsheet);
  const H = "'TrueClicks account-history'";
  for (const f of [`=FILTER(${H}!$D$2:$D,${H}!$B$2:$B=B2,${H}!$C$2:$C>MAX(${H}!$C$2:$C)-84)`, `=SORT(FILTER(${H}!$D$2:$D,${H}!$B$2:$B=B2),FILTER(${H}!$C$2:$C,${H}!$B$2:$B=B2),TRUE)`, `=SORT(${H}!$D$2:$D5, 1, FALSE)`, '=SPARKLINE(A1:A3)'])
    console.log(f.slice(0, 40), JSON.stringify(wb.calculate(f, 'Account health')).slice(0, 300));
  env.close();
});
