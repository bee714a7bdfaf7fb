'use strict';
/** Jest globalTeardown: stops the shared sandbox child started by global-setup.js and waits for it to exit. */

function stopChild(child, timeoutMs = 5000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill('SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

module.exports = async function globalTeardown() {
  const child = globalThis.__SANDBOX__;
  globalThis.__SANDBOX__ = undefined;
  await stopChild(child);
};

module.exports.stopChild = stopChild;
