/**
 * "Save this area for offline": downloads the tiles of one planned area (see
 * domain/tiles planSave: hard upper bound, no bulk download) into the same
 * Cache Storage cache the service worker uses for browsing, with progress.
 * The list of saved areas (metadata only) lives in localStorage.
 */
import { ref, shallowRef } from 'vue'
import { GSI_TILE_URL, TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME, tilesFor, tileUrl, type Bbox, type SavePlan } from '@/domain/tiles'

export interface SavedArea {
  id: string
  name: string
  bbox: Bbox
  minZoom: number
  maxZoom: number
  count: number
  /** Tiles actually stored. */
  saved: number
  savedAt: string
}

export const SAVED_AREAS_KEY = 'yume-kairo.map.saved-areas'

function readAreas(): SavedArea[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SAVED_AREAS_KEY) ?? '[]')
    return Array.isArray(parsed) ? (parsed as SavedArea[]).filter((a) => a && typeof a.id === 'string' && a.bbox) : []
  } catch {
    return []
  }
}

function writeAreas(areas: SavedArea[]) {
  localStorage.setItem(SAVED_AREAS_KEY, JSON.stringify(areas))
}

export type SaveProblem = 'unsupported' | 'cache-full' | 'failed' | null

export function useSavedAreas(fetcher: typeof fetch = (...args) => fetch(...args)) {
  const areas = shallowRef<SavedArea[]>(readAreas())
  const progress = ref<{ done: number; total: number } | null>(null)
  const problem = ref<SaveProblem>(null)
  let abort: AbortController | null = null

  const urlsOf = (a: Pick<SavedArea, 'bbox' | 'minZoom' | 'maxZoom'>) => Array.from(tilesFor(a.bbox, a.minZoom, a.maxZoom), (t) => tileUrl(GSI_TILE_URL, t))

  async function save(plan: Extract<SavePlan, { ok: true }>, name: string): Promise<SavedArea | null> {
    problem.value = null
    if (!('caches' in globalThis)) {
      problem.value = 'unsupported'
      return null
    }
    const cache = await caches.open(TILE_CACHE_NAME)
    const existing = new Set((await cache.keys()).map((r) => r.url))
    const urls = urlsOf(plan)
    const missing = urls.filter((u) => !existing.has(u))
    if (existing.size + missing.length > TILE_CACHE_MAX_ENTRIES) {
      problem.value = 'cache-full'
      return null
    }
    abort = new AbortController()
    const signal = abort.signal
    progress.value = { done: urls.length - missing.length, total: urls.length }
    let saved = urls.length - missing.length
    let failed = 0
    const queue = [...missing]
    // Two requests at a time: gentle on the tile server.
    const worker = async () => {
      for (let url = queue.shift(); url && !signal.aborted; url = queue.shift()) {
        try {
          const response = await fetcher(url, { mode: 'cors', credentials: 'omit', signal })
          if (response.ok) {
            await cache.put(url, response)
            saved++
          } else failed++
        } catch {
          failed++
        }
        progress.value = { done: (progress.value?.done ?? 0) + 1, total: urls.length }
      }
    }
    await Promise.all([worker(), worker()])
    abort = null
    progress.value = null
    if (signal.aborted || saved === 0) {
      problem.value = signal.aborted ? null : 'failed'
      return null
    }
    if (failed) problem.value = 'failed'
    const area: SavedArea = { id: `area-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name, bbox: plan.bbox, minZoom: plan.minZoom, maxZoom: plan.maxZoom, count: plan.count, saved, savedAt: new Date().toISOString() }
    areas.value = [...areas.value, area]
    writeAreas(areas.value)
    return area
  }

  function cancel() {
    abort?.abort()
  }

  /** Removes the area and its tiles (except tiles another saved area still covers). */
  async function remove(id: string) {
    const area = areas.value.find((a) => a.id === id)
    if (!area) return
    areas.value = areas.value.filter((a) => a.id !== id)
    writeAreas(areas.value)
    if (!('caches' in globalThis)) return
    const keep = new Set(areas.value.flatMap(urlsOf))
    const cache = await caches.open(TILE_CACHE_NAME)
    await Promise.all(urlsOf(area).filter((u) => !keep.has(u)).map((u) => cache.delete(u)))
  }

  return { areas, progress, problem, save, cancel, remove }
}
