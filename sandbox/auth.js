'use strict';
/** HTTP Basic auth of the sandbox: one fixed username and token; the control API is loopback-only instead. */
const crypto = require('crypto');

const SANDBOX_USERNAME = 'sandbox-user';
const SANDBOX_TOKEN = 'sandbox-token-7f3a9c';
const REALM = 'TrueClicks sandbox';

function isLoopback(addr) {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));
}

/** { username, authorized }: the username is decoded even when the token is wrong (the request log shows it). */
function parseBasicAuth(header) {
  if (!header || !/^Basic\s+/i.test(header)) return { username: null, authorized: false };
  let decoded;
  try {
    decoded = Buffer.from(header.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
  } catch {
    return { username: null, authorized: false };
  }
  const i = decoded.indexOf(':');
  const username = i < 0 ? decoded : decoded.slice(0, i);
  const password = i < 0 ? '' : decoded.slice(i + 1);
  const a = Buffer.from(password);
  const b = Buffer.from(SANDBOX_TOKEN);
  const tokenOk = a.length === b.length && crypto.timingSafeEqual(a, b);
  return { username: username || null, authorized: username === SANDBOX_USERNAME && tokenOk };
}

module.exports = { SANDBOX_USERNAME, SANDBOX_TOKEN, REALM, isLoopback, parseBasicAuth };
