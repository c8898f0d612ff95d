import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SAVED_AREAS_KEY, useSavedAreas } from '@/composables/map/useSavedAreas'
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
beforeEach(() => {
  localStorage.clear()
  caches = fakeCaches()
  vi.stubGlobal('caches', caches.api)
})
afterEach(() => vi.unstubAllGlobals())

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
    expect(JSON.parse(localStorage.getItem(SAVED_AREAS_KEY)!)).toHaveLength(1)
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
