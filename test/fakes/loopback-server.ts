/**
 * A tiny HTTP server for testing the UrlFetchApp fake. It runs in a CHILD PROCESS on purpose: the
 * fake blocks the calling thread while the request is in flight, so a server on that thread (or in
 * the jest parent when jest runs in-band) would deadlock (tooling-notes.md §4).
 *
 * Routes:
 *   /echo                 200, JSON { method, url, headers (as received), body }
 *   /status/<code>        that status; body = ?body=... or a 300-character text
 *   /slow?ms=<n>          waits n ms (counts concurrency), then 200 "slow"
 *   /stats                JSON { maxConcurrent, total }      /reset  clears them
 *   /redirect?to=<url>&code=<3xx>   redirect (default 302)
 *   /headers              two Set-Cookie headers and "X-Mixed-Case: yes"
 *   /bytes                application/octet-stream 0..255
 *   /latin1               text/plain; charset=ISO-8859-1 "café"
 */
import { ChildProcess, spawn } from 'child_process';

const SERVER_SOURCE = String.raw`
const http = require('http');
let inFlight = 0, maxConcurrent = 0, total = 0;
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    total++;
    const body = Buffer.concat(chunks).toString('utf8');
    const path = u.pathname;
    if (path === '/echo') {
      const headers = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]] = req.rawHeaders[i + 1];
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ method: req.method, url: req.url, headers, body }));
    }
    if (path.startsWith('/status/')) {
      res.statusCode = Number(path.slice(8));
      res.setHeader('Content-Type', 'text/plain');
      return res.end(u.searchParams.get('body') ?? 'E'.repeat(150) + 'F'.repeat(150));
    }
    if (path === '/slow') {
      inFlight++; maxConcurrent = Math.max(maxConcurrent, inFlight);
      const timer = setTimeout(() => res.end('slow'), Number(u.searchParams.get('ms') || 300));
      return res.on('close', () => { inFlight--; clearTimeout(timer); });
    }
    if (path === '/stats') return res.end(JSON.stringify({ maxConcurrent, total }));
    if (path === '/reset') { maxConcurrent = 0; total = 0; return res.end('ok'); }
    if (path === '/redirect') {
      res.statusCode = Number(u.searchParams.get('code') || 302);
      res.setHeader('Location', u.searchParams.get('to'));
      return res.end();
    }
    if (path === '/headers') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Mixed-Case', 'yes');
      return res.end('h');
    }
    if (path === '/bytes') {
      res.setHeader('Content-Type', 'application/octet-stream');
      return res.end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    }
    if (path === '/latin1') {
      res.setHeader('Content-Type', 'text/plain; charset=ISO-8859-1');
      return res.end(Buffer.from('café', 'latin1'));
    }
    res.statusCode = 404;
    res.end('not found');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\n'));
`;

export interface LoopbackServer {
  port: number;
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

export function startLoopbackServer(): Promise<LoopbackServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`loopback server exited early (${code})`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      const port = Number(m[1]);
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
  });
}
