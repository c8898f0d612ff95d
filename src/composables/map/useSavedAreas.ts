/**
 * "Save this area for offline": downloads the tiles of one planned area (see
 * domain/tiles planSave: hard upper bound, no bulk download) into the same
 * Cache Storage cache the service worker uses for browsing, with progress.
 * The list of saved areas (metadata only) is the person's data: the user-data store keeps it in
 * IndexedDB with the rest (and in the backup); the tile bytes stay in Cache Storage.
 */
import { storeToRefs } from 'pinia'
import { ref } from 'vue'
import { GSI_TILE_URL, TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME, tilesFor, tileUrl, type SavePlan } from '@/domain/tiles'
import type { SavedArea } from '@/domain/user-data'
import { useUserDataStore } from '@/stores/user-data'

export type { SavedArea }

export type SaveProblem = 'unsupported' | 'cache-full' | 'failed' | null

export function useSavedAreas(fetcher: typeof fetch = (...args) => fetch(...args)) {
  const user = useUserDataStore()
  const { savedAreas: areas } = storeToRefs(user)
  void user.ensureLoaded()
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
    try {
      await user.saveArea(area)
    } catch {
      problem.value = 'failed' // the storage banner says why (full, read-only)
      return null
    }
    return area
  }

  function cancel() {
    abort?.abort()
  }

  /** Removes the area and its tiles (except tiles another saved area still covers). */
  async function remove(id: string) {
    const area = areas.value.find((a) => a.id === id)
    if (!area) return
    await user.removeArea(id)
    if (!('caches' in globalThis)) return
    const keep = new Set(areas.value.flatMap(urlsOf))
    const cache = await caches.open(TILE_CACHE_NAME)
    await Promise.all(urlsOf(area).filter((u) => !keep.has(u)).map((u) => cache.delete(u)))
  }

  return { areas, progress, problem, save, cancel, remove }
}
