/**
 * The person's favorites (spots, events, routes, schemes), read from and written through the
 * user-data store: they survive snapshot and app updates. A favorite whose record left the
 * snapshot stays listed as "no longer listed".
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { favoriteKey } from '@/domain/favorite-keys'
import { successorSpot } from '@/domain/favorite-successor'
import type { Localized, RegionEvent, Route, Scheme, Spot } from '@/domain/snapshot-schema'
import type { Favorite, FavoriteKind } from '@/domain/user-data'
import { useRecordsStore } from './records'
import { useUserDataStore } from './user-data'

export type FavoriteRecord = Spot | RegionEvent | Route | Scheme
export interface ResolvedFavorite {
  favorite: Favorite
  /** The current record, or null when the snapshot no longer lists it. */
  record: FavoriteRecord | null
  /** For a saved place no longer listed under its id: the one listed place with the same name, if any. */
  successor: Spot | null
}

export const useFavoritesStore = defineStore('favorites', () => {
  const records = useRecordsStore()
  const user = useUserDataStore()
  /** Newest first. */
  const items = computed<readonly Favorite[]>(() => [...user.favorites].sort((a, b) => (a.addedAt < b.addedAt ? 1 : -1)))
  const loaded = computed(() => user.loaded)
  const failed = computed(() => user.failed)
  const load = () => user.load()
  const ensureLoaded = () => user.ensureLoaded()

  const keys = computed(() => new Set(items.value.map((f) => f.key)))
  const isFavorite = (kind: FavoriteKind, id: string) => keys.value.has(favoriteKey(kind, id))

  async function add(kind: FavoriteKind, id: string, name: Localized) {
    const favorite: Favorite = { key: favoriteKey(kind, id), kind, id, name: name.en ? { ja: name.ja, en: name.en } : { ja: name.ja }, addedAt: new Date().toISOString() }
    await user.saveFavorite(favorite)
  }
  async function remove(kind: FavoriteKind, id: string) {
    await user.removeFavorite(favoriteKey(kind, id))
  }
  async function toggle(kind: FavoriteKind, id: string, name: Localized): Promise<boolean> {
    await ensureLoaded()
    if (isFavorite(kind, id)) {
      await remove(kind, id)
      return false
    }
    await add(kind, id, name)
    return true
  }

  const lookups = computed(() => ({
    spot: records.spotById as Map<string, FavoriteRecord>,
    event: new Map(records.events.map((e) => [e.id, e])) as Map<string, FavoriteRecord>,
    route: new Map(records.routes.map((r) => [r.id, r])) as Map<string, FavoriteRecord>,
    scheme: new Map(records.schemes.map((s) => [s.id, s])) as Map<string, FavoriteRecord>,
  }))
  const resolved = computed<ResolvedFavorite[]>(() =>
    items.value.map((favorite) => {
      const record = lookups.value[favorite.kind].get(favorite.id) ?? null
      return { favorite, record, successor: !record && favorite.kind === 'spot' ? successorSpot(favorite.name, records.spots, records.municipalities) : null }
    }),
  )

  return { items, loaded, failed, load, ensureLoaded, isFavorite, toggle, add, remove, resolved }
})
