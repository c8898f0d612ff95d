/**
 * The person's favorites (spots, events, routes, schemes), kept in the user
 * store of IndexedDB: they survive snapshot and app updates. A favorite whose
 * record left the snapshot stays listed as "no longer listed".
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Favorite, FavoriteKind } from '@/data/db'
import { addFavorites, deleteFavorite, listFavorites, putFavorite } from '@/data/repositories/user-repo'
import { favoriteKey } from '@/domain/favorite-keys'
import { successorSpot } from '@/domain/favorite-successor'
import type { Localized, RegionEvent, Route, Scheme, Spot } from '@/domain/snapshot-schema'
import { useRecordsStore } from './records'

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
  const items = shallowRef<readonly Favorite[]>([])
  const loaded = ref(false)
  const failed = ref(false)
  let loading: Promise<void> | null = null

  async function load(): Promise<void> {
    try {
      const list = await listFavorites()
      items.value = Object.freeze(list.sort((a, b) => (a.addedAt < b.addedAt ? 1 : -1)))
      failed.value = false
    } catch {
      failed.value = true
    } finally {
      loaded.value = true
    }
  }
  function ensureLoaded(): Promise<void> {
    loading ??= load()
    return loading
  }

  const keys = computed(() => new Set(items.value.map((f) => f.key)))
  const isFavorite = (kind: FavoriteKind, id: string) => keys.value.has(favoriteKey(kind, id))

  async function add(kind: FavoriteKind, id: string, name: Localized) {
    const favorite: Favorite = { key: favoriteKey(kind, id), kind, id, name: name.en ? { ja: name.ja, en: name.en } : { ja: name.ja }, addedAt: new Date().toISOString() }
    await putFavorite(favorite)
    await load()
  }
  async function remove(kind: FavoriteKind, id: string) {
    await deleteFavorite(favoriteKey(kind, id))
    await load()
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

  /** The export file's text (the file format module, with its validator, loads only here). */
  async function exportText(): Promise<string> {
    const { favoritesFile } = await import('@/domain/favorites-file')
    return favoritesFile(items.value)
  }
  /** Validates the file, then adds the favorites that are not saved yet. Throws FavoritesFileError. */
  async function importText(text: string): Promise<{ added: number; skipped: number }> {
    const { parseFavoritesFile } = await import('@/domain/favorites-file')
    const incoming = parseFavoritesFile(text)
    const added = await addFavorites(incoming)
    await load()
    return { added, skipped: incoming.length - added }
  }

  return { items, loaded, failed, load, ensureLoaded, isFavorite, toggle, add, remove, resolved, exportText, importText }
})
