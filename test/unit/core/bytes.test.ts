import { truncateToBytes, utf8Bytes } from '../../../src/core/bytes';

describe('utf8Bytes', () => {
  it.each(['', 'Accounts', 'Übersicht', 'Отчёт', '日本語のタブ', 'emoji 📊 and 👩‍💻', '\u0000ctl'])('matches Node for %j', (text) => {
    expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
  it('cuts at a character boundary and never exceeds the budget', () => {
    const cut = truncateToBytes('日本語のタブ'.repeat(10), 20);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncateToBytes('short', 20)).toBe('short');
  });
});
