/**
 * Scheduled refresh of every saved import: off, hourly, daily at an hour, weekly on a day at an hour (in the
 * spreadsheet's time zone), and the last scheduled run's outcome.
 */
import { guardConnection, onStatus, refreshStatusIfStale } from '../app';
import { byId, el, formatWhen } from '../dom';
import { onShow } from '../layout';
import { action, call, isAvailable, notAvailableMessage, show } from '../rpc';
import type { Frequency, Schedule, ScheduleInput, Status, Weekday } from '../server-api';

const WEEKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const FREQUENCIES: Frequency[] = ['off', 'hourly', 'daily', 'weekly'];
const DEFAULT_HOUR = 6;

function titleCase(day: string): string {
  return day.charAt(0) + day.slice(1).toLowerCase();
}

/** Accepts the weekday as a ScriptApp.WeekDay name (any case) or a number (1 = Monday … 7 = Sunday, 0 = Sunday). */
function weekdayName(value: unknown): Weekday | null {
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    return (WEEKDAYS as string[]).includes(upper) ? (upper as Weekday) : null;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 7) return WEEKDAYS[(value + 6) % 7];
  return null;
}

function frequency(): Frequency {
  const checked = document.querySelector<HTMLInputElement>('input[name=frequency]:checked');
  return checked && (FREQUENCIES as string[]).includes(checked.value) ? (checked.value as Frequency) : 'off';
}

function showFields(): void {
  const f = frequency();
  byId('hour-wrap').hidden = f !== 'daily' && f !== 'weekly';
  byId('weekday-wrap').hidden = f !== 'weekly';
}

function describeSchedule(s: Schedule | null): string {
  if (!s || s.frequency === 'off') return 'Off';
  const hour = typeof s.hour === 'number' ? `${String(s.hour).padStart(2, '0')}:00` : '';
  if (s.frequency === 'hourly') return 'Every hour';
  if (s.frequency === 'daily') return `Daily ${hour}`.trim();
  const day = weekdayName(s.weekday);
  return `${day ? titleCase(day) + 's' : 'Weekly'} ${hour}`.trim();
}

/** The form shows the schedule as it is set. */
function renderChoice(s: Schedule | null): void {
  const f = s && (FREQUENCIES as string[]).includes(s.frequency) ? s.frequency : 'off';
  byId<HTMLInputElement>(`frequency-${f}`).checked = true;
  byId<HTMLSelectElement>('hour').value = String(s && typeof s.hour === 'number' ? s.hour : DEFAULT_HOUR);
  byId<HTMLSelectElement>('weekday').value = (s && weekdayName(s.weekday)) || 'MONDAY';
  showFields();
}

function render(s: Schedule | null): void {
  renderChoice(s);
  byId('schedule-zone').textContent = s && s.timeZone ? `Times are in the spreadsheet's time zone (${s.timeZone}); Google starts the run within that hour.` : "Times are in the spreadsheet's time zone; Google starts the run within that hour.";
  const now = byId('schedule-now');
  now.textContent = s && s.frequency !== 'off' ? `Now: ${s.description || describeSchedule(s)}.` : s ? 'Now: off.' : '';
  now.className = 'state';
  show(byId('schedule-problem'), s && s.problem ? s.problem : '', s && s.problem ? 'warn' : '');
  renderLastRun(s);
}

/** The latest scheduled run's outcome, in the spreadsheet's time zone. */
function renderLastRun(s: Schedule | null): void {
  const last = byId('schedule-last');
  last.className = 'help';
  if (s && s.lastRun) {
    last.textContent = `Last scheduled run: ${formatWhen(s.lastRun.at)} — ${s.lastRun.ok ? 'OK' : 'failed'}${s.lastRun.message ? `: ${s.lastRun.message}` : ''}`;
    last.classList.add(s.lastRun.ok ? 'ok' : 'error');
  } else {
    last.textContent = s && s.frequency !== 'off' ? 'No scheduled run yet.' : '';
  }
}

/**
 * Notices come once from the server (a scheduled run that could not open its spreadsheet, in any spreadsheet of
 * this user), so they stay on the page until dismissed, at the top of the sidebar where they are seen first.
 */
function showNotices(notices: Array<{ at: string; message: string }> | null | undefined): void {
  if (!notices || !notices.length) return;
  const main = document.querySelector('main');
  if (!main) return;
  for (const n of notices) {
    const dismiss = el('button', { type: 'button', className: 'link', textContent: 'Dismiss' });
    const box = el('p', { className: 'result warn notice', attrs: { role: 'status' } }, `Scheduled refresh, ${formatWhen(n.at)}: ${n.message} `, dismiss);
    dismiss.addEventListener('click', () => box.remove());
    main.insertBefore(box, main.firstChild);
  }
}

export function initSchedule(): void {
  const section = byId('schedule');
  const form = byId<HTMLFormElement>('schedule-form');
  const out = byId('schedule-result');
  const hour = byId<HTMLSelectElement>('hour');
  for (let h = 0; h < 24; h++) hour.appendChild(el('option', { value: String(h), textContent: `${String(h).padStart(2, '0')}:00` }));
  const weekday = byId<HTMLSelectElement>('weekday');
  for (const d of WEEKDAYS) weekday.appendChild(el('option', { value: d, textContent: titleCase(d) }));
  render(null);
  form.querySelectorAll('input[name=frequency]').forEach((r) => r.addEventListener('change', showFields));

  onStatus((status: Status) => {
    const available = isAvailable('setSchedule');
    const unavailable = byId('schedule-unavailable');
    if (available) unavailable.hidden = true;
    else show(unavailable, notAvailableMessage('Scheduled refresh'), 'warn');
    render(status.schedule);
    showNotices(status.schedule && status.schedule.notices);
    guardConnection(section, form, available);
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((c) => (c.disabled = !available));
  });

  onShow('schedule', () => refreshStatusIfStale());

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input: ScheduleInput = { frequency: frequency() };
    if (input.frequency === 'daily' || input.frequency === 'weekly') input.hour = Number(hour.value);
    if (input.frequency === 'weekly') input.weekday = weekday.value as Weekday;
    const saved = await action({ busy: form, out, pending: 'Saving the schedule…' }, () => call('setSchedule', input), (s) =>
      input.frequency === 'off' ? 'Scheduled refresh is off.' : `Saved: ${describeSchedule(s || (input as Schedule))}.`,
    );
    if (saved) render(saved);
  });
}
