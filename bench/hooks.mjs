/**
 * Optional parts written by other developers, picked up when their file exists, and
 * adapted here to the shape bench/run.mjs reads.
 *
 *   bench/search.mjs       runSearchBench({ sizes, rounds, naiveRounds, queries })
 *     → [{ size, buildMs, queries, indexed: { medianMs, p95Ms, samples }, naive: { medianMs, p95Ms, samples } }]
 *     The app's prebuilt index (src/domain/search-index.ts) and its naive scan (naiveSearch:
 *     fold every record's text on every keystroke), on the same synthetic records, in the
 *     same process, one after the other (Node's V8; no DOM is involved in a search).
 *     Adapted to { [size]: { median, p95, samples, buildMs, keystrokes, naive: { median, p95, samples } } }.
 *
 *   bench/map-markers.mjs  runMapBench({ page, count, runs })
 *     → { app: { medianMs, medianAddMs, runsMs }, raw: { … }, ratio }
 *     The app's clustered marker layer (src/composables/map/cluster-layer.ts) against raw Leaflet canvas
 *     circle markers, alternating in one Chromium page. Adapted to
 *     { times, median, addMedian, raw: { times, median, addMedian }, ratio }.
 *
 * A part may instead export benchSearch(ctx) / benchMapMarkers(ctx) (or a default export)
 * that already returns that shape; `ctx` is described in bench/run.mjs (`hookContext`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Rounds per keystroke for the index (many: one query is ~µs) and for the naive scan (>= 5 medians). */
const SEARCH_ROUNDS = 10

const PARTS = {
  search: {
    file: './search.mjs',
    names: ['runSearchBench', 'benchSearch', 'default', 'run'],
    adapt: {
      runSearchBench: async (fn, ctx) => {
        // One size at a time: the naive scan costs ~1 s per keystroke at 50k on a loaded machine, so the
        // sizes above 10k scan 3 rounds (114 keystrokes) to keep the whole run under 10 minutes.
        const rows = []
        for (const size of ctx.sizes) rows.push(...(await fn({ sizes: [size], rounds: Math.max(SEARCH_ROUNDS, ctx.runs), naiveRounds: size > 10000 ? 3 : Math.max(5, ctx.runs) })))
        const pick = (s) => ({ median: s.medianMs, p95: s.p95Ms, samples: s.samples })
        return Object.fromEntries(rows.map((r) => [r.size, { ...pick(r.indexed), buildMs: r.buildMs, keystrokes: r.queries, naive: pick(r.naive) }]))
      },
    },
  },
  markers: {
    file: './map-markers.mjs',
    names: ['runMapBench', 'benchMapMarkers', 'default', 'run'],
    adapt: {
      runMapBench: async (fn, ctx) => {
        // Its own page (800×600 map, as when run standalone); the bench page keeps its state.
        const page = await ctx.browser.newPage()
        try {
          await page.setViewportSize({ width: 800, height: 600 })
          const r = await fn({ page, count: ctx.count, runs: Math.max(5, ctx.runs) })
          const side = (s) => ({ times: s.runsMs, median: s.medianMs, addMedian: s.medianAddMs })
          const town = r.town && { zoom: r.town.zoom, ...side(r.town.app), raw: side(r.town.raw), ratio: r.town.ratio }
          return { ...side(r.app), raw: side(r.raw), ratio: r.ratio, town }
        } finally {
          await page.close()
        }
      },
    },
  },
}

/** The part's function (ctx → the shape above), or a reason it is not there ("not available yet"). */
export async function optionalPart(key) {
  const part = PARTS[key]
  const url = new URL(part.file, import.meta.url)
  if (!existsSync(fileURLToPath(url))) return { fn: null, reason: `not available yet (bench/${part.file.slice(2)} missing)` }
  const mod = await import(url.href)
  const name = part.names.find((n) => typeof mod[n] === 'function')
  if (!name) return { fn: null, reason: `bench/${part.file.slice(2)} exports none of ${part.names.join(', ')}` }
  const adapt = part.adapt?.[name]
  return { fn: adapt ? (ctx) => adapt(mod[name], ctx) : mod[name], reason: null, name }
}
