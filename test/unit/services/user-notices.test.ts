/**
 * Notices for the user live in one user property: bounded in UTF-8 bytes, as Google counts a property value.
 */
import { PROPERTY_VALUE_MAX_BYTES } from '../../../src/core/bytes';
import { boundNotices } from '../../../src/services/user-notices';

it('keeps notices with non-Latin spreadsheet names under the 9 KB property limit, in bytes', () => {
  const notices = Array.from({ length: 12 }, (_, i) => ({
    at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    message: `The scheduled refresh of "Отчёт клиента ${i} — 顧客レポート" stopped: ` + 'そのスプレッドシートを開けませんでした。'.repeat(20),
  }));
  const kept = boundNotices(notices);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept[0].at).toBe(notices[0].at);
  expect(Buffer.byteLength(JSON.stringify(kept), 'utf8')).toBeLessThanOrEqual(PROPERTY_VALUE_MAX_BYTES);
});
