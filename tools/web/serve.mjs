#!/usr/bin/env node
/**
 * Serves the built web console (web/dist) and passes the API prefixes through
 * to the four services, so the browser talks to one origin:
 *
 *   /api/intake/*    → INTAKE_URL    (default http://127.0.0.1:3101)
 *   /api/routing/*   → ROUTING_URL   (default http://127.0.0.1:3102)
 *   /api/gateway/*   → GATEWAY_URL   (default http://127.0.0.1:3103)
 *   /api/reporting/* → REPORTING_URL (default http://127.0.0.1:3104)
 *
 * WEB_PORT or PORT (default 3100) and WEB_DIST choose where it listens and
 * what it serves; INTAKE_PORT … REPORTING_PORT move the upstreams (the
 * browser tests put the services on ephemeral ports). WEB_PORT=0 takes any
 * free port; the line printed on start names it. Plain node:http.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function upstreamsFromEnv(env = process.env) {
  return {
    intake: env.INTAKE_URL ?? `http://127.0.0.1:${env.INTAKE_PORT ?? 3101}`,
    routing: env.ROUTING_URL ?? `http://127.0.0.1:${env.ROUTING_PORT ?? 3102}`,
    gateway: env.GATEWAY_URL ?? `http://127.0.0.1:${env.GATEWAY_PORT ?? 3103}`,
    reporting:
      env.REPORTING_URL ?? `http://127.0.0.1:${env.REPORTING_PORT ?? 3104}`,
  };
}

function problem(res, status, code, detail) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: detail, status, code, detail }));
}

function proxy(req, res, target, path) {
  const url = new URL(path, target);
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-host'] = req.headers.host ?? '';

  const upstream = httpRequest(
    url,
    { method: req.method, headers },
    (answer) => {
      const out = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    },
  );
  upstream.setTimeout(60_000, () => upstream.destroy(new Error('timeout')));
  upstream.on('error', () =>
    problem(res, 502, 'UPSTREAM.UNAVAILABLE', '服务暂时不可用，请稍后重试'),
  );
  req.pipe(upstream);
}

function serveStatic(req, res, dist) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    problem(res, 405, 'ROUTE.METHOD_NOT_ALLOWED', 'method not allowed');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    problem(res, 400, 'ROUTE.INVALID', 'bad path');
    return;
  }
  const file = normalize(join(dist, pathname));
  if (file !== dist && !file.startsWith(dist + sep)) {
    problem(res, 404, 'ROUTE.NOT_FOUND', 'not found');
    return;
  }
  let chosen = file;
  if (!existsSync(chosen) || statSync(chosen).isDirectory()) {
    // A client-side route: the single page answers it.
    chosen = join(dist, 'index.html');
  }
  if (!existsSync(chosen)) {
    problem(res, 503, 'WEB.NOT_BUILT', 'web console not built: run npm run build:web');
    return;
  }
  const hashed = chosen.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(chosen)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(chosen).pipe(res);
}

/** Starts the server; resolves once it listens, with its port and a close. */
export function startWebServer({
  port = Number(process.env.WEB_PORT ?? process.env.PORT ?? 3100),
  host = process.env.WEB_HOST ?? '127.0.0.1',
  dist = resolve(process.env.WEB_DIST ?? join(root, 'web', 'dist')),
  upstreams = upstreamsFromEnv(),
} = {}) {
  const server = createServer((req, res) => {
    const match = /^\/api\/(intake|routing|gateway|reporting)(\/.*)?$/.exec(
      (req.url ?? '/').split('?')[0],
    );
    if (match) {
      const query = (req.url ?? '').includes('?')
        ? (req.url ?? '').slice((req.url ?? '').indexOf('?'))
        : '';
      proxy(req, res, upstreams[match[1]], `${match[2] ?? '/'}${query}`);
      return;
    }
    if (req.url === '/health/live' || req.url === '/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"up"}');
      return;
    }
    serveStatic(req, res, dist);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolveStart({
        port: typeof address === 'object' && address ? address.port : port,
        close: () => new Promise((done) => server.close(() => done())),
        server,
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { port } = await startWebServer();
  console.log(`web console on http://127.0.0.1:${port}`);
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
