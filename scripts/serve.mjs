#!/usr/bin/env node
/**
 * Serves the production build (dist/) on 127.0.0.1 with the headers a host
 * should send: a strict Content-Security-Policy, no caching of the service
 * worker and the data meta file, long caching of hashed assets.
 * Unknown paths without a file extension get index.html (client-side routes);
 * data files and assets never do.
 *
 *   node scripts/serve.mjs [--port 4173] [--dir dist]
 */
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
}

export const TILE_HOST = 'https://cyberjapandata.gsi.go.jp'
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${TILE_HOST}`,
  `connect-src 'self' ${TILE_HOST}`,
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

function fileAt(root, urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '')
  const full = join(root, path)
  if (!full.startsWith(root)) return null
  try {
    const stat = statSync(full)
    if (stat.isFile()) return { full, size: stat.size }
  } catch {
    return null
  }
  return null
}

/** `overrides` maps a path to a body served instead of the file (tests: broken snapshots). */
export function startServer({ port = 4173, host = '127.0.0.1', dir = 'dist', extraCsp = '', overrides = {} } = {}) {
  const root = resolve(dir)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (Object.hasOwn(overrides, url.pathname)) {
      res.writeHead(200, { 'Content-Type': TYPES[extname(url.pathname)] ?? 'text/plain', 'Cache-Control': 'no-cache', 'Content-Security-Policy': CSP + extraCsp })
      res.end(overrides[url.pathname])
      return
    }
    let pathname = url.pathname
    if (pathname.endsWith('/')) pathname += 'index.html'
    let file = fileAt(root, pathname)
    const isNavigation = !extname(url.pathname) && !url.pathname.startsWith('/data/') && !url.pathname.startsWith('/assets/')
    // A prerendered route (/events → events.html), else the empty page every other route starts from.
    if (!file && isNavigation) file = fileAt(root, `${url.pathname.replace(/\/+$/, '')}.html`) ?? fileAt(root, '/shell.html') ?? fileAt(root, '/index.html')
    res.setHeader('Content-Security-Policy', CSP + extraCsp)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(self), microphone=()')
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Not found')
      return
    }
    const type = TYPES[extname(file.full)] ?? 'application/octet-stream'
    const immutable = url.pathname.startsWith('/assets/')
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': file.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    if (req.method === 'HEAD') return res.end()
    createReadStream(file.full).pipe(res)
  })
  return new Promise((resolveStart, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolveStart({ server, port: typeof address === 'object' && address ? address.port : port, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()) }) })
    })
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const port = Number(args[args.indexOf('--port') + 1]) || Number(process.env.PORT) || 4173
  const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : 'dist'
  startServer({ port, dir }).then(({ port: p }) => console.log(`Yume Kairo Guide: http://127.0.0.1:${p}/  (serving ${dir}, Ctrl+C to stop)`))
}
