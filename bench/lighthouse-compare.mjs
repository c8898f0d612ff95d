#!/usr/bin/env node
/**
 * Lighthouse before/after in one run: the same routes, the same browser, alternating builds per route
 * (so neither build always runs on a warmer or quieter machine). Medians of `--runs` per route.
 *   node bench/lighthouse-compare.mjs --before /tmp/before/dist --after dist [--runs 3] [--static] [--lang ja|en] [--routes /,/events]
 * `--static` adds the after build's static copy (the same HTML, no scripts: bench/lib/static-copy.mjs), the physical limit.
 * Writes bench/lighthouse-compare.json and prints one row per route and build.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { startServer } from '../scripts/serve.mjs'
import { runLighthouse } from './lib/lighthouse.mjs'
import { staticCopy } from './lib/static-copy.mjs'
import { median, round } from './lib/stats.mjs'

const argv = process.argv.slice(2)
const arg = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback)
const builds = { before: arg('before', null), after: arg('after', 'dist') }
const runs = Number(arg('runs', 3))
const lang = arg('lang', 'ja')
const bareDir = argv.includes('--static') ? staticCopy(builds.after) : null
if (bareDir) builds.static = bareDir
const routes = arg('routes', '/,/events,/map,/rally,/living,/spots,/about').split(',')
const servers = {}
for (const [name, dir] of Object.entries(builds)) if (dir) servers[name] = await startServer({ port: 0, dir })
const out = {}
try {
  for (const route of routes) {
    out[route] = {}
    for (const name of Object.keys(servers)) {
      const samples = (await runLighthouse({ base: `http://127.0.0.1:${servers[name].port}`, routes: [route], runs, lang }))[route]
      const m = (k) => round(median(samples.map((s) => s[k])), k === 'cls' ? 3 : 0)
      const row = { performance: median(samples.map((s) => s.scores.performance)), accessibility: median(samples.map((s) => s.scores.accessibility)), bestPractices: median(samples.map((s) => s.scores['best-practices'])), seo: median(samples.map((s) => s.scores.seo)), fcp: m('fcp'), lcp: m('lcp'), tbt: m('tbt'), cls: m('cls'), samples }
      out[route][name] = row
      console.log(`${route.padEnd(8)} ${name.padEnd(6)} perf ${row.performance} a11y ${row.accessibility} bp ${row.bestPractices} seo ${row.seo} · FCP ${row.fcp} ms · LCP ${row.lcp} ms · TBT ${row.tbt} ms · CLS ${row.cls}`)
    }
  }
} finally {
  for (const s of Object.values(servers)) await s.close()
  if (bareDir) rmSync(bareDir, { recursive: true, force: true })
}
writeFileSync('bench/lighthouse-compare.json', `${JSON.stringify(out, null, 2)}\n`)
