import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSavedAreas } from '@/composables/map/useSavedAreas'
import { closeDb, DB_NAME } from '@/data/db'
import { listSavedAreas } from '@/data/repositories/user-repo'
import { LEGACY_SAVED_AREAS_KEY } from '@/domain/storage-keys'
import { useUserDataStore } from '@/stores/user-data'
import { planSave, TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME, tileCount } from '@/domain/tiles'

/** Minimal Cache Storage: one Map per cache name. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>()
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map<string, Response>()
    stores.set(name, store)
    return {
      keys: async () => [...store.keys()].map((url) => ({ url })),
      put: async (url: string, response: Response) => void store.set(url, response),
      delete: async (url: string) => store.delete(url),
    }
  }
  return { stores, api: { open } }
}

const bbox = { south: 34.17, north: 34.19, west: 131.46, east: 131.49 }
const png = () => new Response(new Uint8Array([137, 80, 78, 71]), { status: 200, headers: { 'Content-Type': 'image/png' } })

let caches: ReturnType<typeof fakeCaches>
beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
  localStorage.clear()
  setActivePinia(createPinia())
  caches = fakeCaches()
  vi.stubGlobal('caches', caches.api)
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await closeDb()
})

describe('saving an area for offline use', () => {
  it('downloads exactly the planned GSI tiles with CORS into the shared tile cache, and lists the area', async () => {
    const plan = planSave(bbox, 14)
    if (!plan.ok) throw new Error('refused')
    const fetcher = vi.fn(async () => png())
    const saved = useSavedAreas(fetcher as unknown as typeof fetch)
    const area = await saved.save(plan, '')
    expect(area?.saved).toBe(plan.count)
    expect(fetcher).toHaveBeenCalledTimes(tileCount(bbox, 14, 16))
    for (const [url, init] of fetcher.mock.calls as unknown as Array<[string, RequestInit]>) {
      expect(url).toMatch(/^https:\/\/cyberjapandata\.gsi\.go\.jp\/xyz\/pale\/1[4-6]\/\d+\/\d+\.png$/)
      expect(init.mode).toBe('cors')
    }
    expect(caches.stores.get(TILE_CACHE_NAME)?.size).toBe(plan.count)
    expect(saved.progress.value).toBeNull()
    // Kept with the person's data in IndexedDB: a fresh start reads it back.
    expect((await listSavedAreas()).map((a) => a.id)).toEqual([area!.id])
    setActivePinia(createPinia())
    await useUserDataStore().ensureLoaded()
    expect(useSavedAreas().areas.value.map((a) => a.id)).toEqual([area!.id])
  })

  it('deleting an area removes its tiles but keeps tiles another saved area still needs', async () => {
    const small = planSave(bbox, 15)
    const big = planSave(bbox, 14)
    if (!small.ok || !big.ok) throw new Error('refused')
    const saved = useSavedAreas((async () => png()) as unknown as typeof fetch)
    const a = await saved.save(big, '')
    const b = await saved.save(small, '')
    expect(caches.stores.get(TILE_CACHE_NAME)?.size).toBe(big.count)
    await saved.remove(a!.id)
    expect(caches.stores.get(TILE_CACHE_NAME)?.size).toBe(small.count)
    await saved.remove(b!.id)
    expect(caches.stores.get(TILE_CACHE_NAME)?.size).toBe(0)
    expect(saved.areas.value).toEqual([])
  })

  it('refuses to save when the tile cache would go over its limit', async () => {
    const cache = await caches.api.open(TILE_CACHE_NAME)
    for (let i = 0; i < TILE_CACHE_MAX_ENTRIES - 5; i++) await cache.put(`https://cyberjapandata.gsi.go.jp/xyz/pale/5/0/${i}.png`, png())
    const plan = planSave(bbox, 14)
    if (!plan.ok) throw new Error('refused')
    const fetcher = vi.fn(async () => png())
    const saved = useSavedAreas(fetcher as unknown as typeof fetch)
    expect(await saved.save(plan, '')).toBeNull()
    expect(saved.problem.value).toBe('cache-full')
    expect(fetcher).not.toHaveBeenCalled()
  })

  it('reports a failed download and stores nothing when every tile fails', async () => {
    const plan = planSave(bbox, 15)
    if (!plan.ok) throw new Error('refused')
    const saved = useSavedAreas((async () => {
      throw new TypeError('offline')
    }) as unknown as typeof fetch)
    expect(await saved.save(plan, '')).toBeNull()
    expect(saved.problem.value).toBe('failed')
    expect(saved.areas.value).toEqual([])
  })
})

describe('saved areas of the first versions (localStorage)', () => {
  const old = { id: 'area-old1', name: '', bbox, minZoom: 14, maxZoom: 16, count: 40, saved: 40, savedAt: '2026-05-01T00:00:00.000Z' }

  it('are copied into IndexedDB once; an area deleted afterwards does not come back', async () => {
    localStorage.setItem(LEGACY_SAVED_AREAS_KEY, JSON.stringify([old, { id: 'broken' }]))
    await useUserDataStore().ensureLoaded()
    expect(useUserDataStore().savedAreas.map((a) => a.id)).toEqual(['area-old1'])
    await useUserDataStore().removeArea('area-old1')
    setActivePinia(createPinia())
    await useUserDataStore().ensureLoaded()
    expect(useUserDataStore().savedAreas).toEqual([])
  })
})
