'use strict';
/**
 * Entity model of the TrueClicks sandbox and the three EDMX documents built from it.
 *
 *  - V4 ($metadata of /odata/):     EDMX 4.0, served by fe-mockserver-core verbatim.
 *  - V2 ($metadata of /odata-v2/):  EDMX 1.0 + DataServiceVersion 2.0, fe-mockserver-core runs in V2 mode on it.
 *                                   Edm.Date becomes Edm.DateTime (sap:display-format="Date"); primitive
 *                                   collections (Account.Labels) do not exist in V2 and are left out.
 *  - V3 ($metadata of /odata-v3/):  EDMX 1.0 + DataServiceVersion 3.0, written by us (the V3 root is a shape
 *                                   transform over the V4 server). Edm.Date becomes Edm.DateTime.
 */

const NAMESPACE = 'TrueClicks';
const CONTAINER = 'TrueClicksService';

/** Edm types whose values are stored as exact decimal strings and written textually by the wrapper. */
const EXACT_TYPES = new Set(['Edm.Int64', 'Edm.Decimal']);

// p(name, type, extra) – extra: { nullable, precision, scale, maxLength }
function p(name, type, extra) {
  return Object.assign({ name, type, nullable: true }, extra || {});
}
const key = (name, type) => p(name, type, { nullable: false });
const req = (name, type, extra) => p(name, type, Object.assign({ nullable: false }, extra || {}));

const COMPLEX_TYPES = {
  AccountOwner: [p('Name', 'Edm.String'), p('Email', 'Edm.String')],
  // Hostile corpus (sandbox/corpus/hostile.json): a complex type nested in a complex type, and one used in a collection.
  CorpusInner: [p('Code', 'Edm.String'), p('Day', 'Edm.Date')],
  CorpusNested: [p('Label', 'Edm.String'), p('Count', 'Edm.Int32'), p('Inner', `${NAMESPACE}.CorpusInner`)],
  CorpusItem: [p('Sku', 'Edm.String'), p('Qty', 'Edm.Int32')],
};

const ENTITY_TYPES = {
  Account: {
    keys: ['AccountId'],
    properties: [
      key('AccountId', 'Edm.Int32'),
      req('Name', 'Edm.String'),
      req('Platform', 'Edm.String'),
      req('CustomerId', 'Edm.String'),
      p('ExternalCode', 'Edm.String'),
      req('Currency', 'Edm.String', { maxLength: 3 }),
      p('OptimizationScore', 'Edm.Double'),
      req('AuditScore', 'Edm.Decimal', { precision: 5, scale: 2 }),
      req('MonitoringIssues', 'Edm.Int32'),
      req('Spend30d', 'Edm.Decimal', { precision: 20, scale: 3 }),
      req('LifetimeImpressions', 'Edm.Int64'),
      req('IsActive', 'Edm.Boolean'),
      req('LastUpdated', 'Edm.DateTimeOffset'),
      req('CreatedOn', 'Edm.Date'),
      p('Labels', 'Collection(Edm.String)'),
      p('Owner', `${NAMESPACE}.AccountOwner`),
      p('Notes', 'Edm.String'),
    ],
  },
  AccountHistoryEntry: {
    keys: ['HistoryId'],
    properties: [
      key('HistoryId', 'Edm.Int32'),
      req('AccountId', 'Edm.Int32'),
      req('WeekStart', 'Edm.Date'),
      req('AuditScore', 'Edm.Decimal', { precision: 5, scale: 2 }),
      p('OptimizationScore', 'Edm.Double'),
      req('MonitoringIssues', 'Edm.Int32'),
      req('AuditIssues', 'Edm.Int32'),
      req('Spend', 'Edm.Decimal', { precision: 20, scale: 2 }),
      req('Impressions', 'Edm.Int64'),
      req('Clicks', 'Edm.Int32'),
      req('Conversions', 'Edm.Double'),
    ],
  },
  Check: {
    keys: ['CheckId'],
    properties: [
      key('CheckId', 'Edm.Int32'),
      req('AccountId', 'Edm.Int32'),
      req('RuleKey', 'Edm.String'),
      req('CheckName', 'Edm.String'),
      req('Category', 'Edm.String'),
      req('CheckType', 'Edm.String'),
      req('Severity', 'Edm.String'),
      p('Score', 'Edm.Int32'),
      p('Value', 'Edm.Double'),
      req('Status', 'Edm.String'),
      req('HasOutputTable', 'Edm.Boolean'),
      p('OutputRowCount', 'Edm.Int32'),
      req('LastCalculated', 'Edm.DateTimeOffset'),
    ],
  },
  User: {
    keys: ['UserId'],
    properties: [
      key('UserId', 'Edm.String'),
      req('Email', 'Edm.String'),
      p('Name', 'Edm.String'),
      req('Role', 'Edm.String'),
      req('Status', 'Edm.String'),
      req('InvitedAt', 'Edm.DateTimeOffset'),
      p('LastLogin', 'Edm.DateTimeOffset'),
      req('AccessibleAccounts', 'Edm.Int32'),
      req('TwoFactorEnabled', 'Edm.Boolean'),
    ],
  },
  Task: {
    keys: ['TaskId'],
    properties: [
      key('TaskId', 'Edm.Int32'),
      req('AccountId', 'Edm.Int32'),
      p('CheckId', 'Edm.Int32'),
      req('Title', 'Edm.String'),
      p('Description', 'Edm.String'),
      req('Status', 'Edm.String'),
      req('Priority', 'Edm.String'),
      p('DueDate', 'Edm.Date'),
      p('Assignee', 'Edm.String'),
      req('CreatedAt', 'Edm.DateTimeOffset'),
    ],
  },
  Target: {
    keys: ['TargetId'],
    properties: [
      key('TargetId', 'Edm.Int32'),
      req('AccountId', 'Edm.Int32'),
      req('Metric', 'Edm.String'),
      req('Period', 'Edm.String'),
      req('TargetValue', 'Edm.Decimal', { precision: 20, scale: 2 }),
      p('ActualValue', 'Edm.Decimal', { precision: 20, scale: 2 }),
      p('Progress', 'Edm.Double'),
      req('PeriodStart', 'Edm.Date'),
      req('PeriodEnd', 'Edm.Date'),
      req('Status', 'Edm.String'),
    ],
  },
  /**
   * One row per nasty case of the hostile corpus (sandbox/corpus/hostile.json): `Case` names it, `Why` says what
   * it guards against, and (as a rule) exactly one of the other properties holds the value under test.
   */
  CorpusCase: {
    keys: ['Case'],
    properties: [
      key('Case', 'Edm.String'),
      req('Why', 'Edm.String'),
      p('TextValue', 'Edm.String'),
      p('Int64Value', 'Edm.Int64'),
      p('DecimalValue', 'Edm.Decimal', { precision: 38, scale: 'variable' }),
      p('DoubleValue', 'Edm.Double'),
      p('Int32Value', 'Edm.Int32'),
      p('BooleanValue', 'Edm.Boolean'),
      p('DateValue', 'Edm.Date'),
      p('InstantValue', 'Edm.DateTimeOffset'),
      p('Nested', `${NAMESPACE}.CorpusNested`),
      p('Tags', 'Collection(Edm.String)'),
      p('Items', `Collection(${NAMESPACE}.CorpusItem)`),
    ],
  },
};

/**
 * The entity sets, in service-document order. `hidden` sets are served like the others (all three roots,
 * $metadata, paging, faults) but left out of the service documents: the hostile corpus is a test fixture, not a
 * TrueClicks dataset, so pickers and "every dataset" tools keep showing the 7 TrueClicks-shaped sets.
 */
const ENTITY_SETS = [
  { name: 'Accounts', type: 'Account' },
  { name: 'AccountHistory', type: 'AccountHistoryEntry' },
  { name: 'Checks', type: 'Check' },
  { name: 'Users', type: 'User' },
  { name: 'Tasks', type: 'Task' },
  { name: 'TargetMonitoringActive', type: 'Target' },
  { name: 'TargetMonitoringAll', type: 'Target' },
  { name: 'Corpus', type: 'CorpusCase', hidden: true },
];
/** The 7 TrueClicks-shaped sets (listed in the service documents). */
const SET_NAMES = ENTITY_SETS.filter((s) => !s.hidden).map((s) => s.name);
/** Every set the sandbox serves, hidden ones included. */
const SERVED_SET_NAMES = ENTITY_SETS.map((s) => s.name);

function entityTypeOfSet(setName) {
  const s = ENTITY_SETS.find((x) => x.name === setName);
  return s ? ENTITY_TYPES[s.type] : undefined;
}

/** { propName: edmType } for a set's entity type (top level only). */
function propertyTypes(setName) {
  const t = entityTypeOfSet(setName);
  const out = {};
  if (t) for (const prop of t.properties) out[prop.name] = prop.type;
  return out;
}

/**
 * Paths of the Edm.Date properties of a set, complex members included: [['CreatedOn'], ['Nested', 'Inner', 'Day']].
 * (V3 writes them as Edm.DateTime text.)
 */
function datePaths(setName) {
  const out = [];
  const walk = (props, prefix, depth) => {
    for (const prop of props) {
      const complex = prop.type.startsWith(`${NAMESPACE}.`) ? COMPLEX_TYPES[prop.type.slice(NAMESPACE.length + 1)] : null;
      if (complex && depth < 5) walk(complex, prefix.concat(prop.name), depth + 1);
      else if (prop.type === 'Edm.Date') out.push(prefix.concat(prop.name));
    }
  };
  const t = entityTypeOfSet(setName);
  if (t) walk(t.properties, [], 0);
  return out;
}

/** version: 'v4' | 'v3' | 'v2' */
function propertyXml(prop, version) {
  let type = prop.type;
  const attrs = [];
  if (version !== 'v4' && type === 'Edm.Date') {
    type = 'Edm.DateTime';
    if (version === 'v2') attrs.push('sap:display-format="Date"');
  }
  if (version === 'v2' && type.startsWith('Collection(')) return null; // no primitive collections in V2
  let xml = `<Property Name="${prop.name}" Type="${type}"`;
  if (prop.nullable === false) xml += ' Nullable="false"';
  if (prop.maxLength) xml += ` MaxLength="${prop.maxLength}"`;
  if (prop.precision) xml += ` Precision="${prop.precision}"`;
  // V4 knows Scale="variable"; V2/V3 need a number (12 covers every corpus value).
  if (prop.scale !== undefined) xml += ` Scale="${prop.scale === 'variable' && version !== 'v4' ? 12 : prop.scale}"`;
  if (version === 'v4' && type === 'Edm.DateTimeOffset') xml += ' Precision="0"';
  if (attrs.length) xml += ' ' + attrs.join(' ');
  return xml + '/>';
}

function schemaBody(version) {
  const lines = [];
  for (const [name, props] of Object.entries(COMPLEX_TYPES)) {
    lines.push(`<ComplexType Name="${name}">`);
    for (const prop of props) lines.push('  ' + propertyXml(prop, version));
    lines.push('</ComplexType>');
  }
  for (const [name, t] of Object.entries(ENTITY_TYPES)) {
    lines.push(`<EntityType Name="${name}">`);
    lines.push('  <Key>' + t.keys.map((k) => `<PropertyRef Name="${k}"/>`).join('') + '</Key>');
    for (const prop of t.properties) {
      const x = propertyXml(prop, version);
      if (x) lines.push('  ' + x);
    }
    lines.push('</EntityType>');
  }
  const containerAttrs = version === 'v4' ? '' : ' m:IsDefaultEntityContainer="true"';
  lines.push(`<EntityContainer Name="${CONTAINER}"${containerAttrs}>`);
  for (const s of ENTITY_SETS) lines.push(`  <EntitySet Name="${s.name}" EntityType="${NAMESPACE}.${s.type}"/>`);
  lines.push('</EntityContainer>');
  return lines.map((l) => '    ' + l).join('\n');
}

function buildEdmx(version) {
  if (version === 'v4') {
    return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">
${schemaBody('v4')}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
  }
  const dsv = version === 'v2' ? '2.0' : '3.0';
  const edmNs = version === 'v2' ? 'http://schemas.microsoft.com/ado/2008/09/edm' : 'http://schemas.microsoft.com/ado/2009/11/edm';
  const sapNs = version === 'v2' ? ' xmlns:sap="http://www.sap.com/Protocols/SAPData"' : '';
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"${sapNs}>
  <edmx:DataServices m:DataServiceVersion="${dsv}">
    <Schema Namespace="${NAMESPACE}" xmlns="${edmNs}">
${schemaBody(version)}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
}

module.exports = {
  NAMESPACE,
  EXACT_TYPES,
  COMPLEX_TYPES,
  ENTITY_SETS,
  SET_NAMES,
  SERVED_SET_NAMES,
  entityTypeOfSet,
  datePaths,
  propertyTypes,
  buildEdmx,
};
