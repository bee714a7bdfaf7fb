'use strict';
/**
 * Two small patches of fe-mockserver-core 1.7.16 (process-wide, applied once, on first require):
 * 1. validateProperties (run on every row at load time) mangles nulls: a null complex property crashes it
 *    ("Cannot read properties of null (reading 'hasOwnProperty')"), a null Int32/Int64 becomes NaN, and in
 *    V2 mode a null Edm.DateTime/DateTimeOffset becomes "/Date(0)/" (1970-01-01). Keep nulls null.
 * 2. `$filter=X eq null` / `X ne null` never match in fe 1.7.16 (the literal is compared as the text 'null').
 */
const { FileBasedMockData } = require('@sap-ux/fe-mockserver-core/dist/mockdata/fileBasedMockData');

if (!FileBasedMockData.prototype.__tcSandboxPatched) {
  const original = FileBasedMockData.prototype.validateProperties;
  FileBasedMockData.prototype.validateProperties = function (entry, properties, ...rest) {
    if (entry === null || entry === undefined) return undefined;
    const nulls = (properties || []).filter((prop) => entry[prop.name] === null).map((prop) => prop.name);
    const result = original.call(this, entry, properties, ...rest);
    for (const name of nulls) entry[name] = null;
    return result;
  };
  const originalCheck = FileBasedMockData.prototype.checkFilterValue;
  FileBasedMockData.prototype.checkFilterValue = function (type, mockValue, literal, operator, ...rest) {
    if (literal === 'null' && (operator === 'eq' || operator === 'ne')) {
      const isNull = mockValue === null || mockValue === undefined;
      return operator === 'eq' ? isNull : !isNull;
    }
    return originalCheck.call(this, type, mockValue, literal, operator, ...rest);
  };
  FileBasedMockData.prototype.__tcSandboxPatched = true;
}
