/**
 * Lighthouse 12 (mobile preset: Moto G Power viewport, simulated slow 4G and
 * 4× CPU slowdown) on each main route of the production build, one Chromium
 * started with the CI flags and a remote-debugging port. Lighthouse clears
 * the origin's storage first, so every route is measured as a first visit. The page's language is
 * Japanese by default (`--accept-lang`, which sets navigator.languages; `--lang` alone left them en-US
 * in headless Chromium, so until 2026-12-05 every run measured an English visitor: the app rendered
 * the prerendered Japanese page anew in English, and that re-render was the LCP). `lang: 'en'`
 * measures an English visitor.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/harness.mjs'
import { startTileStub } from './tile-stub.mjs'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo']

async function startChromium(lang) {
  // The map's tiles from a local stub: their failed requests were console errors only this offline machine has.
  const tiles = await startTileStub()
  const profile = mkdtempSync(join(tmpdir(), 'yume-bench-lh-'))
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, ...tiles.args, lang === 'en' ? '--lang=en-US' : '--lang=ja-JP', `--accept-lang=${lang === 'en' ? 'en-US,en' : 'ja-JP,ja'}`, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] })
  const port = await new Promise((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a debugging port:\n${text}`)), 30_000)
    child.stderr.on('data', (chunk) => {
      text += chunk
      const match = text.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${text}`)))
  }).catch(async (error) => {
    child.kill('SIGTERM')
    await tiles.close()
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    throw error
  })
  return {
    port,
    async close() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
      await tiles.close()
      // Chromium may still be writing its profile as it exits: retry, and never fail a run over a temp folder.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
      } catch {}
    },
  }
}

/** What the profile says: the top rows of the audits that explain a slow load or a layout shift. */
const DIAGNOSTIC_AUDITS = ['mainthread-work-breakdown', 'bootup-time', 'render-blocking-insight', 'render-blocking-resources', 'unused-javascript', 'layout-shifts', 'largest-contentful-paint-element', 'lcp-breakdown-insight', 'network-dependency-tree-insight', 'long-tasks']
function rows(details) {
  const items = details?.items ?? []
  // Insights nest their tables (e.g. LCP breakdown subparts): flatten one level.
  const flat = items.flatMap((item) => (item?.type === 'table' && Array.isArray(item.items) ? item.items : item?.type ? [] : [item]))
  return flat.slice(0, 6).map((item) => {
    const row = {}
    for (const [key, value] of Object.entries(item)) {
      if (value == null || typeof value === 'object') {
        if (value?.type === 'node') row[key] = value.snippet ?? value.selector
        else if (value?.type === 'source-location') row[key] = value.url
        continue
      }
      row[key] = typeof value === 'number' ? Math.round(value * 1000) / 1000 : value
    }
    return row
  })
}
function diagnostics(lhr) {
  const out = {}
  for (const id of DIAGNOSTIC_AUDITS) {
    const audit = lhr.audits[id]
    if (!audit || audit.scoreDisplayMode === 'notApplicable') continue
    out[id] = { displayValue: audit.displayValue ?? null, items: rows(audit.details) }
  }
  return out
}

export async function runLighthouse({ base, routes, runs = 1, lang = 'ja', log = () => undefined }) {
  const chrome = await startChromium(lang)
  const results = {}
  try {
    for (const route of routes) {
      const samples = []
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(`${base}${route}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES })
        const lhr = result.lhr
        const audit = (id) => lhr.audits[id]?.numericValue ?? null
        const failing = Object.values(lhr.categories).flatMap((category) =>
          category.auditRefs
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ({ category: category.id, id: ref.id, title: lhr.audits[ref.id].title, score: lhr.audits[ref.id].score, displayValue: lhr.audits[ref.id].displayValue ?? null })),
        )
        samples.push({
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)])),
          fcp: audit('first-contentful-paint'),
          lcp: audit('largest-contentful-paint'),
          tbt: audit('total-blocking-time'),
          cls: audit('cumulative-layout-shift'),
          failing,
          diagnostics: diagnostics(lhr),
          runtimeError: lhr.runtimeError?.message ?? null,
        })
      }
      results[route] = samples
      log(`lighthouse ${route}: ${JSON.stringify(samples.at(-1).scores)}`)
    }
  } finally {
    await chrome.close()
  }
  return results
}
