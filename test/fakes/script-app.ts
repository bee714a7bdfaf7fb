/**
 * ScriptApp fake: auth enums, getAuthorizationInfo, and installable triggers.
 *
 * Trigger rules (appsscript-facts.md §3):
 *  - installable triggers belong to the user who created them; getProjectTriggers() returns the
 *    current user's triggers, getUserTriggers(ss) the current user's triggers for that document
 *    (time-driven ones created by the add-on count as belonging to the document they were created in);
 *  - at most 20 triggers per user per script: "This script has too many triggers. Triggers must be
 *    deleted from the script before more can be added." [V wording];
 *  - add-ons (options.addOn, default true): time-based triggers at most once per hour (everyMinutes is
 *    refused) and one trigger of each event type per user per document [wording A];
 *  - clock triggers in ctx.options.clockTriggers === 'project': getUserTriggers(ss) never lists them
 *    (they belong to the script, not the document; see context.ts);
 *  - builder checks [wording A]: everyMinutes n in {1,5,10,15,30}; everyHours n in {1,2,4,6,8,12};
 *    everyDays/everyWeeks n >= 1; atHour 0..23 (needs everyDays/everyWeeks); nearMinute 0..59 (needs
 *    atHour); onWeekDay needs everyWeeks; inTimezone must be a valid IANA id; create() needs a schedule.
 */
import { requireAuth } from './auth';
import { EnumMember, GasContext, makeEnum } from './context';
import type { FakeSpreadsheet, SpreadsheetRegistry } from './spreadsheet';
import { isValidTimeZone } from './timezone';

export const SCRIPT_ENUMS = {
  AuthMode: makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const),
  AuthorizationStatus: makeEnum(['REQUIRED', 'NOT_REQUIRED'] as const),
  EventType: makeEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'] as const),
  TriggerSource: makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const),
  WeekDay: makeEnum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const),
};

const MAX_TRIGGERS_PER_USER = 20;

export interface TriggerSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  timeZone?: string;
  at?: number;
  after?: number;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  owner: string;
  documentId: string;
  schedule: TriggerSchedule;
}

export class TriggerRegistry {
  readonly triggers: TriggerRecord[] = [];
  private next = 7_000_000_001;
  authorizationRequired = false;

  newId(): string {
    return String(this.next++ * 13);
  }

  remove(id: string): boolean {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
    return i >= 0;
  }
}

function triggerObject(rec: TriggerRecord) {
  const E = SCRIPT_ENUMS;
  return {
    getUniqueId: () => rec.id,
    getHandlerFunction: () => rec.handler,
    getEventType: () => E.EventType[rec.eventType],
    getTriggerSource: () => (rec.eventType === 'CLOCK' ? E.TriggerSource.CLOCK : E.TriggerSource.SPREADSHEETS),
    getTriggerSourceId: () => (rec.eventType === 'CLOCK' ? null : rec.documentId),
    toString: () => 'Trigger',
  };
}

export function createScriptApp(ctx: GasContext, registry: TriggerRegistry, docs: SpreadsheetRegistry) {
  const err = (m: string) => ctx.error(m);
  const activeId = () => (docs.active ? docs.active._id : '');

  function create(handler: string, eventType: TriggerRecord['eventType'], schedule: TriggerSchedule) {
    requireAuth(ctx, 'triggers', 'ScriptApp.newTrigger');
    const mine = registry.triggers.filter((t) => t.owner === ctx.user);
    if (mine.length >= MAX_TRIGGERS_PER_USER) {
      throw err('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    if (ctx.options.addOn && mine.some((t) => t.documentId === activeId() && t.eventType === eventType)) {
      throw err(`An add-on can only have one ${eventType === 'CLOCK' ? 'time-based' : eventType} trigger per user per document.`);
    }
    const rec: TriggerRecord = { id: registry.newId(), handler, eventType, owner: ctx.user, documentId: activeId(), schedule };
    registry.triggers.push(rec);
    return triggerObject(rec);
  }

  function clockBuilder(handler: string) {
    const s: TriggerSchedule = {};
    const intArg = (n: unknown, name: string, ok: (v: number) => boolean) => {
      if (typeof n !== 'number' || !Number.isInteger(n) || !ok(n)) throw err(`Invalid argument: ${name}`);
      return n;
    };
    const b = {
      everyMinutes(n: number) {
        if (![1, 5, 10, 15, 30].includes(n)) throw err('The number of minutes must be 1, 5, 10, 15 or 30.');
        s.everyMinutes = n;
        return b;
      },
      everyHours(n: number) {
        if (![1, 2, 4, 6, 8, 12].includes(n)) throw err('The number of hours must be 1, 2, 4, 6, 8 or 12.');
        s.everyHours = n;
        return b;
      },
      everyDays(n: number) {
        s.everyDays = intArg(n, 'days', (v) => v >= 1);
        return b;
      },
      everyWeeks(n: number) {
        s.everyWeeks = intArg(n, 'weeks', (v) => v >= 1);
        return b;
      },
      atHour(hour: number) {
        s.atHour = intArg(hour, 'hour', (v) => v >= 0 && v <= 23);
        return b;
      },
      nearMinute(minute: number) {
        s.nearMinute = intArg(minute, 'minute', (v) => v >= 0 && v <= 59);
        return b;
      },
      onWeekDay(day: EnumMember) {
        if (!Object.values(SCRIPT_ENUMS.WeekDay).some((d) => String(d) === String(day))) throw err('Invalid argument: day');
        s.onWeekDay = String(day);
        return b;
      },
      onMonthDay(day: number) {
        s.onMonthDay = intArg(day, 'day', (v) => v >= 1 && v <= 31);
        return b;
      },
      inTimezone(timezone: string) {
        if (!isValidTimeZone(timezone)) throw err('Invalid argument: timezone');
        s.timeZone = timezone;
        return b;
      },
      at(date: Date) {
        s.at = new Date(date).getTime();
        return b;
      },
      after(durationMilliseconds: number) {
        s.after = intArg(durationMilliseconds, 'durationMilliseconds', (v) => v >= 0);
        return b;
      },
      create() {
        const recurrences = [s.everyMinutes, s.everyHours, s.everyDays, s.everyWeeks, s.at, s.after, s.onMonthDay].filter((v) => v !== undefined);
        if (recurrences.length === 0) throw err('The trigger needs a schedule: call everyHours(), everyDays(), everyWeeks(), at() or after() before create().');
        if (s.onMonthDay === undefined && recurrences.length > 1) throw err('A time-based trigger can only have one recurrence.');
        if (s.atHour !== undefined && s.everyDays === undefined && s.everyWeeks === undefined) throw err('atHour() can only be used with everyDays() or everyWeeks().');
        if (s.nearMinute !== undefined && s.atHour === undefined) throw err('nearMinute() can only be used with atHour().');
        if (s.onWeekDay !== undefined && s.everyWeeks === undefined) throw err('onWeekDay() can only be used with everyWeeks().');
        if (ctx.options.addOn && s.everyMinutes !== undefined) {
          throw err('Add-ons can only create time-based triggers that run at most once per hour.');
        }
        return create(handler, 'CLOCK', { ...s });
      },
    };
    return b;
  }

  function spreadsheetBuilder(handler: string) {
    const b = {
      onOpen: () => ({ create: () => create(handler, 'ON_OPEN', {}) }),
      onEdit: () => ({ create: () => create(handler, 'ON_EDIT', {}) }),
      onChange: () => ({ create: () => create(handler, 'ON_CHANGE', {}) }),
      onFormSubmit: () => ({ create: () => create(handler, 'ON_FORM_SUBMIT', {}) }),
    };
    return b;
  }

  const mine = () => registry.triggers.filter((t) => t.owner === ctx.user);

  return {
    ...SCRIPT_ENUMS,
    getAuthorizationInfo(authMode: EnumMember) {
      void authMode;
      if (ctx.authMode === 'CUSTOM_FUNCTION') throw err('You do not have permission to call ScriptApp.getAuthorizationInfo');
      const required = registry.authorizationRequired;
      return {
        getAuthorizationStatus: () => (required ? SCRIPT_ENUMS.AuthorizationStatus.REQUIRED : SCRIPT_ENUMS.AuthorizationStatus.NOT_REQUIRED),
        getAuthorizationUrl: () => (required ? `https://script.google.com/macros/d/${ctx.options.scriptId}/authorize` : null),
        getAuthorizedScopes: () => [],
      };
    },
    newTrigger(functionName: string) {
      if (typeof functionName !== 'string' || functionName === '') throw err('Invalid argument: functionName');
      return {
        timeBased: () => clockBuilder(functionName),
        forSpreadsheet: (_sheet: unknown) => spreadsheetBuilder(functionName),
      };
    },
    getProjectTriggers() {
      requireAuth(ctx, 'triggers', 'ScriptApp.getProjectTriggers');
      return ctx.realm.Array.from(mine(), triggerObject);
    },
    getUserTriggers(spreadsheet: FakeSpreadsheet) {
      requireAuth(ctx, 'triggers', 'ScriptApp.getUserTriggers');
      const id = spreadsheet?.getId?.();
      const listed = (t: TriggerRecord) => t.documentId === id && !(t.eventType === 'CLOCK' && ctx.options.clockTriggers === 'project');
      return ctx.realm.Array.from(mine().filter(listed), triggerObject);
    },
    deleteTrigger(trigger: { getUniqueId(): string }) {
      requireAuth(ctx, 'triggers', 'ScriptApp.deleteTrigger');
      const rec = registry.triggers.find((t) => t.id === trigger.getUniqueId());
      if (rec && rec.owner !== ctx.user) throw err('You do not have permission to delete this trigger.');
      if (rec) registry.remove(rec.id);
    },
    getScriptId: () => ctx.options.scriptId,
    getOAuthToken: () => `fake-oauth-token-for-${ctx.user}`,
    getService: () => ({ getUrl: () => null, isEnabled: () => false }),
  };
}
