/**
 * Bundle figures read from dist/: the entry chunk (the module script in
 * index.html) gzipped, every route chunk gzipped, and the service worker's
 * precache list (dist/sw.js) summed raw and gzipped.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length
/** kB as Vite prints them (1 kB = 1000 bytes). */
const kb = (bytes) => Math.round((bytes / 1000) * 100) / 100

export function measureBundle(dir = 'dist') {
  // The prerendered pages start the app through a boot script after the first paint; shell.html loads the same
  // entry and preloads directly, so it is the page to read them from (index.html in builds without it).
  const html = readFileSync(join(dir, existsSync(join(dir, 'shell.html')) ? 'shell.html' : 'index.html'), 'utf8')
  const entryPath = html.match(/<script[^>]+type="module"[^>]+src="\/?([^"]+)"/)?.[1]
  if (!entryPath) throw new Error('no module script in dist/index.html')
  const entry = readFileSync(join(dir, entryPath))
  const cssPaths = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1])
  const css = cssPaths.reduce((sum, p) => sum + gz(readFileSync(join(dir, p))), 0)
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1])
  const preloadGzip = preloads.reduce((sum, p) => sum + gz(readFileSync(join(dir, p))), 0)

  const chunks = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const buffer = readFileSync(join(dir, 'assets', f))
      return { file: `assets/${f}`, name: f.replace(/-[A-Za-z0-9_-]{8}\.js$/, ''), rawKB: kb(buffer.length), gzipKB: kb(gz(buffer)) }
    })
    .sort((a, b) => b.gzipKB - a.gzipKB)
  // Static imports (`from"./x.js"` / `import"./x.js"`, not `import("./x.js")`) of a chunk, recursively.
  const staticImports = (file, seen = new Set()) => {
    if (seen.has(file)) return seen
    seen.add(file)
    const code = readFileSync(join(dir, file), 'utf8')
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) staticImports(`assets/${m[1]}`, seen)
    return seen
  }
  const entryClosure = staticImports(entryPath)
  const byFile = new Map(chunks.map((c) => [c.file, c]))
  const routes = chunks
    .filter((c) => /Page$/.test(c.name))
    .map((c) => {
      // What opening the route downloads beyond the entry: its chunk and its static imports the entry does not have.
      const extra = [...staticImports(c.file)].filter((f) => !entryClosure.has(f))
      const code = readFileSync(join(dir, c.file), 'utf8')
      return {
        ...c,
        includesLeaflet: /Leaflet|leaflet-container/.test(code),
        withDepsGzipKB: kb(extra.reduce((sum, f) => sum + gz(readFileSync(join(dir, f))), 0)),
        deps: extra.filter((f) => f !== c.file).map((f) => byFile.get(f)?.name ?? f),
      }
    })
  const entryWithImportsGzipKB = kb([...entryClosure].reduce((sum, f) => sum + gz(readFileSync(join(dir, f))), 0))

  let precache = null
  if (existsSync(join(dir, 'sw.js'))) {
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8')
    const urls = [...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1])
    let raw = 0
    let gzip = 0
    for (const url of urls) {
      const path = join(dir, url)
      if (!existsSync(path)) continue
      const buffer = readFileSync(path)
      raw += buffer.length
      gzip += gz(buffer)
    }
    precache = { entries: urls.length, rawKB: kb(raw), gzipKB: kb(gzip) }
  }
  return {
    entry: { file: entryPath, rawKB: kb(entry.length), gzipKB: kb(gz(entry)), withStaticImportsGzipKB: entryWithImportsGzipKB },
    entryCssGzipKB: kb(css),
    modulepreloadGzipKB: kb(preloadGzip),
    routes,
    chunks,
    precache,
  }
}
