/**
 * Test helpers for the sandbox API (sandbox/server.js).
 *
 * - sharedSandbox(): the one sandbox started by test/support/global-setup.js (child process, env SANDBOX_URL).
 *   Jest runs test files in parallel workers against it, so use it READ-ONLY: no faults, no config
 *   changes, and do not rely on its request log.
 * - startPrivateSandbox(opts): spawns another sandbox child (same JSON ready-line protocol) for tests that
 *   inject faults, change config or read the request log. Reset it in afterEach (`control.reset()`) and
 *   stop it in afterAll (`stop()`); if a test process dies, the child exits when its stdin closes.
 *
 * Both run the server in a child process, so synchronous HTTP from the tests cannot deadlock.
 */
import type { ChildProcess } from 'child_process';

const { startSandboxChild } = require('./global-setup') as {
  startSandboxChild(args?: string[]): Promise<{ child: ChildProcess; info: { url: string; port: number; username: string; token: string } }>;
};
const { stopChild } = require('./global-teardown') as { stopChild(child: ChildProcess, timeoutMs?: number): Promise<void> };

export interface FaultRule {
  /** Substring of the request's path+query (raw or percent-decoded), e.g. 'Accounts' or 'skiptoken=100'. */
  match: string;
  status?: number;
  /** Seconds, sent as a Retry-After header. Without `status` the fault answers 429. */
  retryAfter?: number;
  /**
   * 'html' = HTML login page (text/html), 'garbage' = the real response truncated (200 unless `status`),
   * 'echo-credentials' = an OData error repeating the Authorization header and password, or a literal body.
   */
  body?: string;
  /** Content type of a literal body (default: JSON if it parses, else text/plain). */
  contentType?: string;
  /** How many matching requests the rule affects (default: unlimited). */
  times?: number;
  /** Only the N-th page of a collection walk (1-based: $skiptoken = (N-1) * pageSize). */
  page?: number;
  /** Hang this long before answering. */
  delayMs?: number;
  /** Answer 302 with this Location. */
  redirectTo?: string;
}

export interface SandboxConfig {
  latencyMs?: number;
  pageSize?: number;
  nextLinkStyle?: 'absolute' | 'relative';
  nextLinkOrigin?: string | null;
  checkTableShape?: 'array' | 'value' | 'data';
  ignoreIeee754?: boolean;
  /** Answer 400 to any collection request with $skip. */
  rejectSkip?: boolean;
  /** Do not honour Prefer: odata.maxpagesize. */
  ignorePrefer?: boolean;
  /** A request with $top gets up to this many rows more than it asked for. */
  overDeliver?: number;
  /** A request with $skip > 0 gets this many rows fewer (at least 1), and no next link. */
  shortDeliver?: number;
  maxPageSize?: number | null;
  /** Schema/data drift: add a column (value 1), drop columns, bump a numeric column in every other row. */
  drift?: { add?: string; drop?: string[]; bump?: string } | null;
}

interface RequestLogEntry {
  method: string;
  path: string;
  username: string | null;
  authorized: boolean;
  status: number;
  at: string;
}

interface SandboxInfo {
  username: string;
  token: string;
  pageSize: number;
  scale: number;
  counts: Record<string, number>;
  config: Required<SandboxConfig>;
}

export interface SandboxControl {
  faults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  config(config: SandboxConfig): Promise<void>;
  reset(): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  info(): Promise<SandboxInfo>;
}

export interface SandboxHandle {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  username: string;
  token: string;
  /** Value for the Authorization header. */
  authHeader: string;
  control: SandboxControl;
}

export interface PrivateSandbox extends SandboxHandle {
  stop(): Promise<void>;
}

export interface PrivateSandboxOptions {
  scale?: number;
  pageSize?: number;
  latencyMs?: number;
  /** Prefer: odata.maxpagesize is honoured up to this many rows (default: any). */
  maxPageSize?: number;
}

export function basicAuth(username: string, token: string): string {
  return 'Basic ' + Buffer.from(`${username}:${token}`, 'utf8').toString('base64');
}

function makeControl(url: string): SandboxControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /__sandbox/${path} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    faults: async (rules) => {
      await call('POST', 'faults', { faults: rules });
    },
    clearFaults: async () => {
      await call('DELETE', 'faults');
    },
    config: async (config) => {
      await call('POST', 'config', config);
    },
    reset: async () => {
      await call('POST', 'reset');
    },
    requests: async () => (await call('GET', 'requests')) as RequestLogEntry[],
    clearRequests: async () => {
      await call('DELETE', 'requests');
    },
    info: async () => (await call('GET', 'info')) as SandboxInfo,
  };
}

/** The shared sandbox from global-setup.js. Read-only use only (see the note at the top). */
export function sharedSandbox(): SandboxHandle {
  const url = process.env.SANDBOX_URL;
  const username = process.env.SANDBOX_USERNAME;
  const token = process.env.SANDBOX_TOKEN;
  if (!url || !username || !token) throw new Error('SANDBOX_URL is not set: is test/support/global-setup.js configured as jest globalSetup?');
  return { url, username, token, authHeader: basicAuth(username, token), control: makeControl(url) };
}

/** Spawns a sandbox of your own (child process). Call stop() in afterAll. */
export async function startPrivateSandbox(opts: PrivateSandboxOptions = {}): Promise<PrivateSandbox> {
  const args: string[] = [];
  if (opts.scale !== undefined) args.push('--scale', String(opts.scale));
  if (opts.pageSize !== undefined) args.push('--page-size', String(opts.pageSize));
  if (opts.latencyMs !== undefined) args.push('--latency', String(opts.latencyMs));
  if (opts.maxPageSize !== undefined) args.push('--max-page-size', String(opts.maxPageSize));
  const { child, info } = await startSandboxChild(args);
  return {
    url: info.url,
    username: info.username,
    token: info.token,
    authHeader: basicAuth(info.username, info.token),
    control: makeControl(info.url),
    stop: () => stopChild(child),
  };
}
