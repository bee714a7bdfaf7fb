/**
 * Logger and console fakes: quiet, and recorded into env.logs (message text) and env.logEntries
 * (with source and level), so tests can assert that nothing secret is ever logged.
 */
import { format } from 'util';
import { GasContext } from './context';
import { formatString } from './utilities';

export function createLogger(ctx: GasContext) {
  const logger = {
    log(data: unknown, ...values: unknown[]) {
      const msg = values.length ? formatString(String(data), ...values) : typeof data === 'string' ? data : format(data);
      ctx.log('Logger', 'log', msg);
      return logger;
    },
    getLog: () => ctx.logEntries.filter((e) => e.source === 'Logger').map((e) => e.message).join('\n'),
    clear: () => {
      ctx.logEntries.splice(0, ctx.logEntries.length);
      ctx.logs.splice(0, ctx.logs.length);
    },
  };
  return logger;
}

export function createConsole(ctx: GasContext) {
  const timers = new Map<string, number>();
  const at = (level: 'log' | 'info' | 'warn' | 'error' | 'debug') => (...args: unknown[]) => ctx.log('console', level, format(...args));
  return {
    log: at('log'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    time: (label = 'default') => void timers.set(label, Date.now()),
    timeEnd: (label = 'default') => ctx.log('console', 'log', `${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`),
  };
}
