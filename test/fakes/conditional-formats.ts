/**
 * Conditional format rules: SpreadsheetApp.newConditionalFormatRule() builds a rule (ranges, a boolean condition
 * or a colour-scale gradient, and the format applied), Sheet.setConditionalFormatRules replaces a sheet's rules.
 * `appliedFormat` says what one cell looks like under the rules — what a test asserts instead of the rule's shape.
 */
import { makeEnum } from './context';
import { GridRef, refOf } from './grid-ref';
import type { FakeRange } from './range';

export const CONDITIONAL_ENUMS = {
  InterpolationType: makeEnum(['NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX'] as const),
  BooleanCriteria: makeEnum(['NUMBER_GREATER_THAN', 'NUMBER_LESS_THAN', 'NUMBER_BETWEEN', 'TEXT_EQUAL_TO', 'CUSTOM_FORMULA'] as const),
};

interface GradientPoint {
  color: string;
  type: string;
  value: string | null;
}

export interface ConditionalRuleRecord {
  ranges: GridRef[];
  boolean: { criteria: string; values: unknown[] } | null;
  gradient: { min: GradientPoint | null; mid: GradientPoint | null; max: GradientPoint | null } | null;
  format: { fontColor?: string; background?: string; bold?: boolean };
}

export class FakeConditionalFormatRuleBuilder {
  readonly _rec: ConditionalRuleRecord = { ranges: [], boolean: null, gradient: null, format: {} };

  private gradient() {
    return (this._rec.gradient ??= { min: null, mid: null, max: null });
  }

  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    this._rec.ranges = Array.from(ranges, refOf);
    return this;
  }
  whenNumberGreaterThan(n: number): FakeConditionalFormatRuleBuilder {
    this._rec.boolean = { criteria: 'NUMBER_GREATER_THAN', values: [n] };
    return this;
  }
  whenNumberLessThan(n: number): FakeConditionalFormatRuleBuilder {
    this._rec.boolean = { criteria: 'NUMBER_LESS_THAN', values: [n] };
    return this;
  }
  setFontColor(color: string): FakeConditionalFormatRuleBuilder {
    this._rec.format.fontColor = color;
    return this;
  }
  setBackground(color: string): FakeConditionalFormatRuleBuilder {
    this._rec.format.background = color;
    return this;
  }
  setBold(bold: boolean): FakeConditionalFormatRuleBuilder {
    this._rec.format.bold = bold;
    return this;
  }
  setGradientMinpoint(color: string): FakeConditionalFormatRuleBuilder {
    this.gradient().min = { color, type: 'MIN', value: null };
    return this;
  }
  setGradientMaxpoint(color: string): FakeConditionalFormatRuleBuilder {
    this.gradient().max = { color, type: 'MAX', value: null };
    return this;
  }
  setGradientMidpointWithValue(color: string, type: unknown, value: string): FakeConditionalFormatRuleBuilder {
    this.gradient().mid = { color, type: String(type), value: String(value) };
    return this;
  }
  build() {
    const rec: ConditionalRuleRecord = JSON.parse(JSON.stringify({ ...this._rec, ranges: [] }));
    rec.ranges = this._rec.ranges.slice();
    return { _rec: rec, getRanges: () => rec.ranges.map((r) => r.sheet._range(r.row, r.column, r.numRows, r.numColumns)) };
  }
}

function covers(ref: GridRef, row: number, column: number): boolean {
  const lastRow = ref.openEnded ? Infinity : ref.row + ref.numRows - 1;
  return row >= ref.row && row <= lastRow && column >= ref.column && column < ref.column + ref.numColumns;
}

/**
 * The format one cell shows: the first matching boolean rule wins (Sheets applies rules in order); a gradient
 * applies to numbers, reported as which end of the scale the value is nearest. `value` is the cell's value.
 */
export function appliedFormat(rules: ConditionalRuleRecord[], row: number, column: number, value: unknown, columnValues: number[] = []): { fontColor?: string; background?: string; gradient?: 'min' | 'mid' | 'max' } | null {
  for (const rule of rules) {
    if (!rule.ranges.some((r) => covers(r, row, column))) continue;
    if (rule.boolean && typeof value === 'number') {
      const [n] = rule.boolean.values as number[];
      const hit = rule.boolean.criteria === 'NUMBER_GREATER_THAN' ? value > n : rule.boolean.criteria === 'NUMBER_LESS_THAN' ? value < n : false;
      if (hit) return { ...rule.format };
    }
    if (rule.gradient && typeof value === 'number' && columnValues.length) {
      const sorted = columnValues.slice().sort((a, b) => a - b);
      const rank = sorted.indexOf(value) / Math.max(1, sorted.length - 1);
      const point = rank < 1 / 3 ? 'min' : rank > 2 / 3 ? 'max' : 'mid';
      return { background: rule.gradient[point]!.color, gradient: point };
    }
  }
  return null;
}
