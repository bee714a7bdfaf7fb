/**
 * SpreadsheetApp + Spreadsheet + DeveloperMetadata fakes. An environment has one primary spreadsheet and
 * may open more (`env.openAnotherSpreadsheet()`); the registry knows which is active. Inside a clock
 * trigger in the 'project' trigger behaviour there is none: getActiveSpreadsheet() returns null
 * (the behaviour VtstAddonTriggerLib assumes; UNVERIFIED either way). `openById` opens a spreadsheet of
 * the registry in FULL mode (the manifest has the `spreadsheets` scope) unless the test made it
 * unreachable (deleted, access lost), and is refused in other modes.
 */
import { parseA1 } from './a1';
import { requireAuth } from './auth';
import { EnumMember, GasContext, isEnumOf, makeEnum } from './context';
import { FakeRange } from './range';
import { emptyStats, FakeSheet, RangeStats } from './sheet';
import { isValidTimeZone } from './timezone';
import type { UiRecorder } from './ui';
import { CONDITIONAL_ENUMS, FakeConditionalFormatRuleBuilder } from './conditional-formats';
import { FakeFilterCriteriaBuilder, PIVOT_ENUMS } from './pivots';

const SPREADSHEET_ENUMS = {
  DeveloperMetadataVisibility: makeEnum(['DOCUMENT', 'PROJECT'] as const),
  DeveloperMetadataLocationType: makeEnum(['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'] as const),
  WrapStrategy: makeEnum(['WRAP', 'OVERFLOW', 'CLIP'] as const),
  SheetType: makeEnum(['GRID', 'OBJECT', 'DATASOURCE'] as const),
  ProtectionType: makeEnum(['RANGE', 'SHEET'] as const),
  BorderStyle: makeEnum(['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'] as const),
  Dimension: makeEnum(['COLUMNS', 'ROWS'] as const),
};

const MAX_CELLS = 10_000_000;
/** Assumed limit (Sheets API): developer metadata per location, key + value characters. */
const MAX_METADATA_CHARS_PER_LOCATION = 30_000;

export interface MetaRecord {
  id: number;
  key: string;
  value: string | null;
  visibility: EnumMember;
  location: { type: 'SPREADSHEET' | 'SHEET'; sheet?: FakeSheet };
}

export class FakeDeveloperMetadata {
  constructor(readonly _ss: FakeSpreadsheet, readonly _rec: MetaRecord) {}

  getId(): number {
    return this._rec.id;
  }

  getKey(): string {
    return this._rec.key;
  }

  getValue(): string | null {
    return this._rec.value;
  }

  getVisibility(): EnumMember {
    return this._rec.visibility;
  }

  getLocation() {
    const loc = this._rec.location;
    const types = SPREADSHEET_ENUMS.DeveloperMetadataLocationType;
    return {
      getLocationType: () => types[loc.type],
      getSpreadsheet: () => (loc.type === 'SPREADSHEET' ? this._ss : null),
      getSheet: () => loc.sheet ?? null,
      getRow: () => null,
      getColumn: () => null,
    };
  }

  setKey(key: string): FakeDeveloperMetadata {
    this._ss._guard('write', 'DeveloperMetadata.setKey');
    this._ss._checkMetadata(this._rec.location, String(key), this._rec.value, this._rec);
    this._rec.key = String(key);
    return this;
  }

  setValue(value: string | null): FakeDeveloperMetadata {
    this._ss._guard('write', 'DeveloperMetadata.setValue');
    const v = value === null || value === undefined ? null : String(value);
    this._ss._checkMetadata(this._rec.location, this._rec.key, v, this._rec);
    this._rec.value = v;
    return this;
  }

  setVisibility(visibility: EnumMember): FakeDeveloperMetadata {
    this._ss._guard('write', 'DeveloperMetadata.setVisibility');
    this._rec.visibility = SPREADSHEET_ENUMS.DeveloperMetadataVisibility[String(visibility) as 'DOCUMENT' | 'PROJECT'];
    return this;
  }

  remove(): void {
    this._ss._guard('write', 'DeveloperMetadata.remove');
    this._ss._metadata = this._ss._metadata.filter((m) => m !== this._rec);
  }
}

export class MetadataFinder {
  private filters: ((m: MetaRecord) => boolean)[];

  constructor(private readonly ss: FakeSpreadsheet, base: (m: MetaRecord) => boolean) {
    this.filters = [base];
  }

  private add(f: (m: MetaRecord) => boolean): MetadataFinder {
    this.filters.push(f);
    return this;
  }

  withKey(key: string): MetadataFinder {
    return this.add((m) => m.key === key);
  }

  withValue(value: string): MetadataFinder {
    return this.add((m) => m.value === value);
  }

  withId(id: number): MetadataFinder {
    return this.add((m) => m.id === id);
  }

  withVisibility(visibility: EnumMember): MetadataFinder {
    return this.add((m) => String(m.visibility) === String(visibility));
  }

  withLocationType(locationType: EnumMember): MetadataFinder {
    return this.add((m) => m.location.type === String(locationType));
  }

  find(): FakeDeveloperMetadata[] {
    this.ss._guard('read', 'DeveloperMetadataFinder.find');
    const found = this.ss._metadata.filter((m) => this.filters.every((f) => f(m)));
    return this.ss._ctx.realm.Array.from(found, (m) => new FakeDeveloperMetadata(this.ss, m));
  }
}

export class FakeSpreadsheet {
  readonly stats: RangeStats & { flushCalls: number } = { ...emptyStats(), flushCalls: 0 };
  readonly _enums = SPREADSHEET_ENUMS;
  _sheets: FakeSheet[] = [];
  _active: FakeSheet;
  _metadata: MetaRecord[] = [];
  _timeZone: string;
  _name = 'Untitled spreadsheet';
  readonly _id: string;
  private nextSheetId = 0;
  private nextMetadataId = 1001;

  constructor(readonly _ctx: GasContext, readonly _ui: UiRecorder, id: string) {
    this._id = id;
    this._timeZone = _ctx.options.timeZone;
    this._active = this._newSheet('Sheet1');
    this._sheets.push(this._active);
  }

  // ------------------------------------------------------------ internals (not Apps Script API)
  _guard(kind: 'read' | 'write', call: string): void {
    if (this._ctx.killed) throw this._ctx.error('Exceeded maximum execution time');
    requireAuth(this._ctx, kind === 'read' ? 'spreadsheet.read' : 'spreadsheet.write', call);
  }

  _newSheet(name: string): FakeSheet {
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7_919_113;
    this.nextSheetId++;
    return new FakeSheet(this, name, id);
  }

  _checkCellLimit(extraCells: number): void {
    const total = this._sheets.reduce((n, s) => n + s._grid.maxRows * s._grid.maxColumns, 0);
    if (total + extraCells > MAX_CELLS) {
      throw this._ctx.error(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  /** Per-sheet counters (see RangeStats). */
  sheetStats(name: string): RangeStats {
    const s = this._sheets.find((sh) => sh._name === name);
    if (!s) throw new Error(`no sheet named ${name}`);
    return s.stats;
  }

  resetStats(): void {
    for (const s of [this.stats, ...this._sheets.map((sh) => sh.stats)]) {
      for (const k of Object.keys(s) as (keyof typeof s)[]) (s as unknown as Record<string, number>)[k] = 0;
    }
  }

  _metadataAt(type: 'SPREADSHEET' | 'SHEET', sheet?: FakeSheet): FakeDeveloperMetadata[] {
    this._guard('read', 'getDeveloperMetadata');
    const found = this._metadata.filter((m) => m.location.type === type && m.location.sheet === sheet);
    return this._ctx.realm.Array.from(found, (m) => new FakeDeveloperMetadata(this, m));
  }

  _finder(base: (m: MetaRecord) => boolean): MetadataFinder {
    return new MetadataFinder(this, base);
  }

  _checkMetadata(location: MetaRecord['location'], key: string, value: string | null, replacing?: MetaRecord): void {
    if (key === '') throw this._ctx.error('Invalid argument: key');
    const others = this._metadata.filter((m) => m !== replacing && m.location.type === location.type && m.location.sheet === location.sheet);
    const chars = others.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0) + key.length + (value?.length ?? 0);
    if (chars > MAX_METADATA_CHARS_PER_LOCATION) {
      throw this._ctx.error(`Developer metadata at this location would exceed the limit of ${MAX_METADATA_CHARS_PER_LOCATION} characters.`);
    }
  }

  _addMetadata(location: MetaRecord['location'], call: string, key: string, valueOrVisibility?: unknown, visibility?: unknown): void {
    this._guard('write', call);
    const vis = SPREADSHEET_ENUMS.DeveloperMetadataVisibility;
    let value: string | null = null;
    let v: EnumMember = vis.DOCUMENT;
    if (isEnumOf(valueOrVisibility, vis)) v = valueOrVisibility as EnumMember;
    else if (valueOrVisibility !== undefined && valueOrVisibility !== null) value = String(valueOrVisibility);
    if (visibility !== undefined) v = vis[String(visibility) as 'DOCUMENT' | 'PROJECT'] ?? vis.DOCUMENT;
    this._checkMetadata(location, String(key ?? ''), value);
    this._metadata.push({ id: this.nextMetadataId++, key: String(key), value, visibility: v, location });
  }

  // ------------------------------------------------------------ identity
  getId(): string {
    return this._id;
  }

  getName(): string {
    return this._name;
  }

  rename(newName: string): void {
    this._guard('write', 'Spreadsheet.rename');
    this._name = String(newName);
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this._guard('write', 'Spreadsheet.setSpreadsheetTimeZone');
    if (!isValidTimeZone(timezone)) throw this._ctx.error('Invalid argument: timezone');
    this._timeZone = timezone;
  }

  getSpreadsheetLocale(): string {
    return 'en_US';
  }

  getOwner() {
    const email = this._ctx.owner;
    return { getEmail: () => email };
  }

  getEditors(): unknown[] {
    return [];
  }

  // ------------------------------------------------------------ sheets
  getSheets(): FakeSheet[] {
    return this._ctx.realm.Array.from(this._sheets);
  }

  getNumSheets(): number {
    return this._sheets.length;
  }

  /** Sheet names are case-insensitive in Sheets (assumed for lookup as well as for uniqueness). */
  getSheetByName(name: string): FakeSheet | null {
    const n = String(name).toLowerCase();
    return this._sheets.find((s) => s._name.toLowerCase() === n) ?? null;
  }

  getSheetById(id: number): FakeSheet | null {
    return this._sheets.find((s) => s._id === id) ?? null;
  }

  insertSheet(a?: unknown, b?: unknown, _options?: unknown): FakeSheet {
    this._guard('write', 'Spreadsheet.insertSheet');
    let name: string | undefined;
    let index = this._sheets.length;
    if (typeof a === 'string') name = a;
    if (typeof a === 'number') index = a;
    if (typeof b === 'number') index = b;
    if (name === undefined || name === '') {
      let n = this._sheets.length + 1;
      while (this.getSheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    } else if (this.getSheetByName(name)) {
      throw this._ctx.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (!Number.isInteger(index) || index < 0 || index > this._sheets.length) throw this._ctx.error('Invalid argument: sheetIndex');
    this._checkCellLimit(1000 * 26);
    const sheet = this._newSheet(name);
    this._sheets.splice(index, 0, sheet);
    this._active = sheet;
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    this._guard('write', 'Spreadsheet.deleteSheet');
    if (!this._sheets.includes(sheet)) throw this._ctx.error('Invalid argument: sheet');
    if (this._sheets.filter((s) => s !== sheet && !s._hidden).length === 0) {
      throw this._ctx.error("You can't remove all the visible sheets in a document.");
    }
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._metadata = this._metadata.filter((m) => m.location.sheet !== sheet);
    if (this._active === sheet) this._active = this._sheets[0];
  }

  getActiveSheet(): FakeSheet {
    return this._active;
  }

  /** The selected cell of the active sheet (A1 until a test or the workbench selects another with _select). */
  _selected: { row: number; column: number } = { row: 1, column: 1 };

  _select(sheetName: string, row: number, column: number): void {
    const sheet = this.getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    this._active = sheet;
    this._selected = { row, column };
  }

  getActiveRange(): FakeRange {
    this._guard('read', 'Spreadsheet.getActiveRange');
    return this._active.getRange(this._selected.row, this._selected.column);
  }

  getCurrentCell(): FakeRange {
    return this.getActiveRange();
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this._guard('read', 'Spreadsheet.setActiveSheet');
    if (!this._sheets.includes(sheet)) throw this._ctx.error('Invalid argument: sheet');
    this._active = sheet;
    sheet._hidden = false;
    return sheet;
  }

  moveActiveSheet(pos: number): void {
    this._guard('write', 'Spreadsheet.moveActiveSheet');
    this._sheets = this._sheets.filter((s) => s !== this._active);
    this._sheets.splice(pos - 1, 0, this._active);
  }

  getRange(a1Notation: string): FakeRange {
    const r = parseA1(String(a1Notation));
    if (!r) throw this._ctx.error('Range not found');
    const sheet = r.sheetName === undefined ? this._active : this.getSheetByName(r.sheetName);
    if (!sheet) throw this._ctx.error('Range not found');
    return sheet.getRange(String(a1Notation).replace(/^.*!/, ''));
  }

  getRangeByName(_name: string): null {
    return null;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this._guard('write', 'Spreadsheet.toast');
    this._ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds });
  }

  // ------------------------------------------------------------ developer metadata
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): FakeSpreadsheet {
    this._addMetadata({ type: 'SPREADSHEET' }, 'Spreadsheet.addDeveloperMetadata', key, valueOrVisibility, visibility);
    return this;
  }

  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this._metadataAt('SPREADSHEET');
  }

  createDeveloperMetadataFinder(): MetadataFinder {
    return this._finder(() => true);
  }
}

/** The spreadsheets of one environment and which one is active (null: a trigger with no document). */
export class SpreadsheetRegistry {
  readonly byId = new Map<string, FakeSpreadsheet>();
  readonly unreachable = new Set<string>();
  active: FakeSpreadsheet | null;

  constructor(readonly primary: FakeSpreadsheet) {
    this.byId.set(primary._id, primary);
    this.active = primary;
  }

  add(ss: FakeSpreadsheet): FakeSpreadsheet {
    this.byId.set(ss._id, ss);
    return ss;
  }
}

export function createSpreadsheetApp(ctx: GasContext, docs: SpreadsheetRegistry, getUi: () => unknown) {
  const active = (call: string): FakeSpreadsheet | null => {
    docs.primary._guard('read', call);
    return docs.active;
  };
  return {
    ...SPREADSHEET_ENUMS,
    ...PIVOT_ENUMS,
    ...CONDITIONAL_ENUMS,
    newConditionalFormatRule: () => new FakeConditionalFormatRuleBuilder(),
    newFilterCriteria: () => new FakeFilterCriteriaBuilder(),
    getActiveSpreadsheet: (): FakeSpreadsheet | null => active('SpreadsheetApp.getActiveSpreadsheet'),
    getActive: (): FakeSpreadsheet | null => active('SpreadsheetApp.getActive'),
    getActiveSheet(): FakeSheet | null {
      const ss = active('SpreadsheetApp.getActiveSheet');
      return ss ? ss._active : null;
    },
    getActiveRange(): FakeRange | null {
      const ss = active('SpreadsheetApp.getActiveRange');
      return ss ? ss.getActiveRange() : null;
    },
    getUi: getUi,
    flush(): void {
      (docs.active || docs.primary).stats.flushCalls++;
    },
    openById(id: string): FakeSpreadsheet {
      if (ctx.authMode !== 'FULL') throw ctx.error('You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets');
      const ss = docs.byId.get(String(id));
      if (!ss || docs.unreachable.has(ss._id)) throw ctx.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
      return ss;
    },
    openByUrl(_url: string): never {
      throw ctx.error('You do not have permission to call SpreadsheetApp.openByUrl. Required permissions: https://www.googleapis.com/auth/spreadsheets');
    },
  };
}
