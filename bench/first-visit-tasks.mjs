#!/usr/bin/env node
/**
 * First visits at 4× CPU slowdown on Lighthouse's phone (412×823 at 1.75×, tiles from the local stub), two builds
 * alternating per run: the page's long tasks from the first paint until 3 s after the data is stored, as the page's
 * own long-task observer reports them. Per route and build: the blocking time (the part of each task over 50 ms,
 * summed, as Lighthouse's TBT) and the longest task, medians of `--runs`. Unthrottled by Lighthouse's simulation, so
 * the figures are the page's own tasks, four times slower, on this machine.
 *   node bench/first-visit-tasks.mjs --before /tmp/before/dist --after dist [--runs 4] [--routes /,/events]
 */
import { chromium } from 'playwright-core'
import { tsImport } from 'tsx/esm/api'
import { startServer } from '../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/harness.mjs'
import { median } from './lib/stats.mjs'
import { startTileStub } from './lib/tile-stub.mjs'

const argv = process.argv.slice(2)
const arg = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback)
const builds = { before: arg('before', null), after: arg('after', 'dist') }
if (!builds.before) throw new Error('--before DIR: the build to compare with')
const runs = Number(arg('runs', 4))
const { SNAPSHOT_STORED_KEY } = await tsImport('../src/domain/storage-keys.ts', import.meta.url)
const routes = arg('routes', '/,/events,/map,/rally,/living,/spots,/about').split(',')

function observeLongTasks() {
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)])
  }).observe({ type: 'longtask', buffered: true })
}

const tiles = await startTileStub()
const servers = {}
for (const [name, dir] of Object.entries(builds)) servers[name] = await startServer({ port: 0, dir })
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...tiles.args] })
const samples = {}
try {
  for (const route of routes)
    for (let run = 0; run < runs; run++)
      for (const name of run % 2 ? ['after', 'before'] : ['before', 'after']) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })
        try {
          const page = await context.newPage()
          await page.addInitScript(observeLongTasks)
          await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 })
          await page.goto(`http://127.0.0.1:${servers[name].port}${route}`)
          await page.waitForFunction((key) => localStorage.getItem(key), SNAPSHOT_STORED_KEY, { timeout: 60_000 })
          await page.waitForTimeout(3000)
          const { tasks, fcp } = await page.evaluate(() => ({ tasks: window.__longTasks, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 }))
          const after = tasks.filter(([start]) => start >= fcp)
          const sample = { blocking: after.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0), longest: Math.max(0, ...after.map(([, d]) => d)) }
          ;((samples[route] ??= {})[name] ??= []).push(sample)
        } finally {
          await context.close()
        }
      }
} finally {
  await browser.close()
  for (const s of Object.values(servers)) await s.close()
  await tiles.close()
}
for (const [route, byBuild] of Object.entries(samples)) {
  const row = Object.entries(byBuild).map(([name, xs]) => `${name}: blocking ${median(xs.map((x) => x.blocking))} ms [${xs.map((x) => x.blocking).join(', ')}], longest ${median(xs.map((x) => x.longest))} ms`)
  console.log(`${route.padEnd(8)} ${row.join(' | ')}`)
}
