#!/usr/bin/env node
/**
 * Build check (runs after `vite build`): the service worker must precache
 * everything the app needs offline, and nothing may be too big to precache.
 *
 * Fails when: sw.js is missing or has no precache manifest; index.html, the web
 * manifest, an icon the web manifest names, or any file in assets/ is not
 * listed; sw.js itself is listed; a listed file does not exist; any file in
 * assets/ (or a listed file) exceeds PRECACHE_LIMIT_BYTES from vite.config.ts
 * (vite-plugin-pwa would otherwise only warn and leave it out).
 *
 *   node scripts/check-precache.mjs [--dir dist]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/** The limit as written in vite.config.ts (`export const PRECACHE_LIMIT_BYTES = 2 * 1024 * 1024`). */
export function readPrecacheLimit(configPath = join(here, '..', 'vite.config.ts')) {
  const text = readFileSync(configPath, 'utf8')
  const match = /PRECACHE_LIMIT_BYTES\s*=\s*([\d_\s*]+)/.exec(text)
  if (!match) throw new Error(`PRECACHE_LIMIT_BYTES not found in ${configPath}`)
  return match[1].split('*').map((n) => Number(n.replace(/[_\s]/g, ''))).reduce((a, b) => a * b, 1)
}

/** URLs listed in the built service worker's precache manifest. */
export function precacheUrls(swText) {
  const start = swText.indexOf('precacheAndRoute(')
  if (start < 0) return null
  const end = swText.indexOf(']', start)
  const list = swText.slice(start, end)
  return [...list.matchAll(/url:\s*["']([^"']+)["']/g)].map((m) => m[1].replace(/^\.?\//, ''))
}

function walk(dir, prefix = '') {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
}

/** Returns the problems found (empty: all good) and what was checked. */
export function checkPrecache({ dir = 'dist', limit = readPrecacheLimit() } = {}) {
  const root = resolve(dir)
  const errors = []
  const swPath = join(root, 'sw.js')
  if (!existsSync(swPath)) return { errors: [`${dir}/sw.js is missing: the service worker was not generated.`], urls: [], limit }
  const urls = precacheUrls(readFileSync(swPath, 'utf8'))
  if (!urls) return { errors: [`${dir}/sw.js has no precache manifest (precacheAndRoute).`], urls: [], limit }
  const listed = new Set(urls)
  // Every page at the root: index.html, the other prerendered routes (events.html, …) and shell.html, the empty
  // page every other route opens from offline.
  const required = ['index.html', 'manifest.webmanifest', ...readdirSync(root).filter((f) => f.endsWith('.html'))]
  if (!existsSync(join(root, 'shell.html'))) errors.push(`${dir}/shell.html is missing: routes that are not prerendered would have no page offline.`)
  // index.html preloads the Japanese messages (needed on every start); the file must exist and be precached.
  const indexPath = join(root, 'index.html')
  // (directly, or through the boot script a prerendered index.html starts the app with)
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : ''
  const bootFile = /<script type="module" src="\/?(assets\/boot-[^"]+\.js)"/.exec(indexHtml)?.[1]
  const bootJs = bootFile && existsSync(join(root, bootFile)) ? readFileSync(join(root, bootFile), 'utf8') : ''
  const preload = /<link rel="modulepreload"[^>]*href="\/?([^"]*messages-ja-[^"]+\.js)"/.exec(indexHtml) ?? /"\/?(assets\/messages-ja-[^"]+\.js)"/.exec(bootJs)
  if (!preload) errors.push(`${dir}/index.html has no modulepreload for the Japanese messages chunk.`)
  else required.push(preload[1])
  const manifestPath = join(root, 'manifest.webmanifest')
  if (existsSync(manifestPath)) {
    for (const icon of JSON.parse(readFileSync(manifestPath, 'utf8')).icons ?? []) required.push(String(icon.src).replace(/^\.?\//, ''))
  }
  required.push(...walk(join(root, 'assets')).map((f) => `assets/${f}`))
  for (const file of new Set(required)) {
    if (!listed.has(file)) {
      const size = existsSync(join(root, file)) ? statSync(join(root, file)).size : -1
      errors.push(size > limit ? `${file} is ${size} bytes, above the precache limit of ${limit} bytes: it would not work offline. Split or shrink it.` : `${file} is not in the service worker's precache manifest: it would not work offline.`)
    }
  }
  if (listed.has('sw.js')) errors.push('sw.js is in its own precache manifest; it must never be precached.')
  for (const url of listed) {
    const full = join(root, url)
    if (!existsSync(full)) {
      errors.push(`${url} is precached but does not exist in ${dir}/.`)
      continue
    }
    const size = statSync(full).size
    if (size > limit) errors.push(`${url} is ${size} bytes, above the precache limit of ${limit} bytes.`)
  }
  return { errors, urls, limit }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : 'dist'
  const { errors, urls, limit } = checkPrecache({ dir })
  if (errors.length) {
    console.error(`\nPRECACHE CHECK FAILED (${dir}):\n${errors.map((e) => `  - ${e}`).join('\n')}\n`)
    process.exit(1)
  }
  console.log(`precache check: ${urls.length} files listed, all assets present, none above ${limit} bytes`)
}
