// @vitest-environment node
/**
 * Precache complete (issue 10, item 1): the built service worker lists
 * index.html, the web manifest, its icons and every built asset, never sw.js;
 * the build check fails above the precache size limit. Runs after `npm run
 * build` in `npm test` (the real dist/ is checked), and on synthetic builds.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs build script without types
import { checkPrecache, precacheUrls, readPrecacheLimit } from '../../scripts/check-precache.mjs'
import { PRECACHE_LIMIT_BYTES } from '../../vite.config'

const root = resolve(__dirname, '../..')
const dist = join(root, 'dist')
const temps: string[] = []
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A small fake build: assets, index.html, manifest, and a sw.js listing `listed`. */
function fakeBuild(files: Record<string, number>, listed: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'yume-precache-'))
  temps.push(dir)
  mkdirSync(join(dir, 'assets'))
  const content = (path: string, size: number) =>
    path === 'manifest.webmanifest' ? JSON.stringify({ icons: [{ src: 'icon-192.png' }] }) : path === 'index.html' ? '<link rel="modulepreload" crossorigin href="/assets/messages-ja-x.js">' : 'x'.repeat(size)
  for (const [path, size] of Object.entries(files)) writeFileSync(join(dir, path), content(path, size))
  writeFileSync(join(dir, 'sw.js'), `define(["./workbox-1"],function(e){e.precacheAndRoute([${listed.map((u) => `{url:"${u}",revision:null}`).join(',')}],{})});`)
  return dir
}
const BASE = { 'index.html': 10, 'events.html': 10, 'shell.html': 10, 'manifest.webmanifest': 10, 'icon-192.png': 10, 'assets/index-a.js': 100, 'assets/index-b.css': 50, 'assets/messages-ja-x.js': 20 }

describe('precache check', () => {
  it('reads the limit from vite.config.ts', () => {
    expect(readPrecacheLimit()).toBe(PRECACHE_LIMIT_BYTES)
  })

  it('the real build (dist/): sw.js lists index.html, the manifest, its icons and every file in dist/assets, not sw.js', () => {
    expect(existsSync(join(dist, 'sw.js')), 'dist/ is missing: run `npm run build` first (npm test does)').toBe(true)
    const urls: string[] = precacheUrls(readFileSync(join(dist, 'sw.js'), 'utf8'))
    expect(urls).toContain('index.html')
    expect(urls).toContain('shell.html')
    expect(urls).toContain('events.html')
    expect(urls).toContain('manifest.webmanifest')
    for (const icon of JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8')).icons) expect(urls).toContain(icon.src)
    for (const asset of readdirSync(join(dist, 'assets'))) expect(urls).toContain(`assets/${asset}`)
    expect(urls).not.toContain('sw.js')
    expect(urls.some((u) => u.startsWith('data/'))).toBe(false)
    expect(checkPrecache({ dir: dist }).errors).toEqual([])
  })

  it('passes a complete fake build', () => {
    expect(checkPrecache({ dir: fakeBuild(BASE, Object.keys(BASE)), limit: 1000 }).errors).toEqual([])
  })

  it('fails when an asset is missing from the manifest, when sw.js lists itself, or a listed file does not exist', () => {
    const dir = fakeBuild(BASE, ['index.html', 'manifest.webmanifest', 'icon-192.png', 'assets/index-a.js', 'sw.js', 'assets/gone.js'])
    const { errors } = checkPrecache({ dir, limit: 1000 })
    expect(errors.join('\n')).toMatch(/assets\/index-b\.css is not in the service worker's precache manifest/)
    expect(errors.join('\n')).toMatch(/sw\.js is in its own precache manifest/)
    expect(errors.join('\n')).toMatch(/assets\/gone\.js is precached but does not exist/)
  })

  it('fails when index.html does not preload the Japanese messages, or the preloaded file is not precached', () => {
    const dir = fakeBuild(BASE, Object.keys(BASE).filter((f) => f !== 'assets/messages-ja-x.js'))
    expect(checkPrecache({ dir, limit: 1000 }).errors.join('\n')).toMatch(/assets\/messages-ja-x\.js is not in/)
    writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/index-a.js"></script>')
    expect(checkPrecache({ dir, limit: 1000 }).errors.join('\n')).toMatch(/no modulepreload for the Japanese messages/)
  })

  it('fails when index.html, a prerendered page, the empty shell or an icon of the web manifest is not precached', () => {
    const { errors } = checkPrecache({ dir: fakeBuild(BASE, ['manifest.webmanifest', 'assets/index-a.js', 'assets/index-b.css']), limit: 1000 })
    expect(errors.join('\n')).toMatch(/index\.html is not in/)
    expect(errors.join('\n')).toMatch(/events\.html is not in/)
    expect(errors.join('\n')).toMatch(/shell\.html is not in/)
    expect(errors.join('\n')).toMatch(/icon-192\.png is not in/)
  })

  it('the build step fails (exit 1, plain message) when an asset exceeds the limit and was left out', () => {
    const dir = fakeBuild({ ...BASE, 'assets/huge.js': PRECACHE_LIMIT_BYTES + 1 }, Object.keys(BASE))
    const run = spawnSync(process.execPath, [join(root, 'scripts/check-precache.mjs'), '--dir', dir], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`assets/huge\\.js is ${PRECACHE_LIMIT_BYTES + 1} bytes, above the precache limit of ${PRECACHE_LIMIT_BYTES} bytes`))
  })

  it('the build script runs the check after vite build', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(pkg.scripts.build).toMatch(/vite build && node scripts\/check-precache\.mjs/)
    expect(pkg.scripts.test).toMatch(/npm run build/)
  })
})
