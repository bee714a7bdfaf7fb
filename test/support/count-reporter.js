'use strict';
/**
 * A Jest reporter that prints how many tests each project ran (add-on, fakes, sandbox), so the total is not read
 * as "tests of the add-on". Listed before the default reporter, so Jest's own summary stays the last lines.
 */
class CountReporter {
  onRunComplete(_contexts, results) {
    const byProject = new Map();
    for (const file of results.testResults) {
      const name = (file.displayName && file.displayName.name) || 'other';
      const counts = byProject.get(name) || { files: 0, passed: 0, failed: 0, skipped: 0 };
      counts.files += 1;
      counts.passed += file.numPassingTests;
      counts.failed += file.numFailingTests;
      counts.skipped += file.numPendingTests + file.numTodoTests;
      byProject.set(name, counts);
    }
    const order = ['add-on', 'fakes', 'sandbox'];
    const sorted = Array.from(byProject).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    const lines = sorted.map(([name, c]) => {
      const parts = [`${c.passed} passing`];
      if (c.failed) parts.push(`${c.failed} FAILING`);
      if (c.skipped) parts.push(`${c.skipped} skipped`);
      return `  ${name.padEnd(8)} ${String(c.passed + c.failed + c.skipped).padStart(5)} tests in ${c.files} files (${parts.join(', ')})`;
    });
    process.stderr.write(`\nTests by project:\n${lines.join('\n')}\n`);
  }
}

module.exports = CountReporter;
