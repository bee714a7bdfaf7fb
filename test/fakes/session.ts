/**
 * Session fake. The user's e-mail is only available in FULL mode: in simple triggers (NONE/LIMITED)
 * and custom functions Apps Script returns "" (Session reference: the e-mail is not available "in any
 * context that allows a script to run without that user's authorization").
 */
import * as crypto from 'crypto';
import { GasContext } from './context';

export function createSession(ctx: GasContext) {
  const user = (email: string) => ({
    getEmail: () => email,
    getUsername: () => email.split('@')[0],
    toString: () => 'User',
  });
  return {
    getActiveUser: () => user(ctx.authMode === 'FULL' ? ctx.user : ''),
    getEffectiveUser: () => user(ctx.authMode === 'FULL' ? ctx.user : ''),
    getScriptTimeZone: (): string => ctx.options.scriptTimeZone,
    getActiveUserLocale: (): string => 'en',
    /** Stable per user and script, different between users. */
    getTemporaryActiveUserKey: (): string =>
      crypto.createHash('sha256').update(`${ctx.options.scriptId}:${ctx.user}`).digest('base64').slice(0, 43),
  };
}
