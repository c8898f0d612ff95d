/**
 * Optional parts written by other developers, picked up when their file exists.
 *
 *   bench/search.mjs       export async function benchSearch(ctx)      (or default export)
 *     → { [recordCount]: { times: number[] } }   per-keystroke ms of the app's search index
 *       ({ median, p95 } instead of `times` is accepted too)
 *
 *   bench/map-markers.mjs  export async function benchMapMarkers(ctx)  (or default export)
 *     → { times: number[] }   ms to add + paint ctx.count markers with the app's map code
 *       ({ median } instead of `times` is accepted too)
 *
 * `ctx` (see bench/run.mjs, `hookContext`): { browser (Playwright BrowserContext),
 * benchPage (the bench page; its window.bench API, records of the current size in the
 * app's IndexedDB), startAppServer({ overrides }) (serves dist/, e.g. a synthetic
 * '/data/snapshot.json'), snapshotText(n), generateSnapshot(n), sizes, runs, queries,
 * count, points, stats: { median, p95 } }.
 *
 * HOOK POINT for the lead: if a part exports another name, add it to the list below.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const PARTS = {
  search: { file: './search.mjs', names: ['benchSearch', 'default', 'run'] },
  markers: { file: './map-markers.mjs', names: ['benchMapMarkers', 'default', 'run'] },
}

/** The part's function, or a reason it is not there ("not available yet"). */
export async function optionalPart(key) {
  const part = PARTS[key]
  const url = new URL(part.file, import.meta.url)
  if (!existsSync(fileURLToPath(url))) return { fn: null, reason: `not available yet (bench/${part.file.slice(2)} missing)` }
  const mod = await import(url.href)
  const name = part.names.find((n) => typeof mod[n] === 'function')
  if (!name) return { fn: null, reason: `bench/${part.file.slice(2)} exports none of ${part.names.join(', ')}` }
  return { fn: mod[name], reason: null }
}
