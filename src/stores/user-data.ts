/**
 * The person's own data in one store — stamps, favourites, settings, saved map areas — over the one
 * repository (data/repositories/user-repo.ts). The feature stores (favorites, rally, living) and the
 * language read from here and write through here, so there is one copy of each list in memory.
 *
 * It also owns what keeps that data safe: backup and restore (one file format, domain/user-data.ts),
 * the browser's persistent-storage state, asked for at the first stamp or favourite (not at start).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  addStamp as addStampRow,
  copyLegacySavedAreas,
  deleteFavorite,
  deleteSavedArea,
  getSetting,
  listFavorites,
  listSavedAreas,
  listStamps,
  mergeUserData,
  putFavorite,
  putSavedArea,
  putSetting,
  readUserData,
  type MergeCounts,
} from '@/data/repositories/user-repo'
import type { PersistState } from '@/domain/keep-data'
import { readLocal, writeLocal } from '@/data/local-storage'
import { LEGACY_SAVED_AREAS_KEY, LOCALE_COPY_KEY, SETTING } from '@/domain/storage-keys'
import { legacySavedAreas, stampsSinceBackup, toBackup, userDataBytes, type Favorite, type SavedArea, type Setting, type Stamp, type UserBackup } from '@/domain/user-data'

export type ImportOutcome = { ok: true; added: MergeCounts; from: 'backup' | 'backup-v1' | 'favorites' } | { ok: false; detail: string }

export const useUserDataStore = defineStore('user-data', () => {
  const stamps = shallowRef<readonly Stamp[]>([])
  const favorites = shallowRef<readonly Favorite[]>([])
  const savedAreas = shallowRef<readonly SavedArea[]>([])
  const settings = shallowRef<ReadonlyMap<string, Setting['value']>>(new Map())
  const loaded = ref(false)
  /** Reading failed (not read-only mode: that reads as empty). */
  const failed = ref(false)

  const persist = ref<PersistState>('unknown')
  const estimate = shallowRef<{ usage: number; quota: number } | null>(null)

  async function copyLegacyAreasOnce() {
    const raw = readLocal(LEGACY_SAVED_AREAS_KEY)
    if (!raw) return
    // No dynamic import here: a page left while one was pending at start-up kept the database busy
    // for the next page in WebKit. The old list is our own format: a plain check is enough.
    await copyLegacySavedAreas(legacySavedAreas(raw)).catch(() => 0)
  }

  /**
   * Read and shown once this has settled. Start-up (main.ts) passes the hydration of a prerendered page: until the last
   * part of it is hydrated, the page must stay as its HTML was rendered, without the person's data. Read after it, not
   * before: a write in the meantime (a language chosen) is then in what is read, not overwritten by an older read.
   */
  let shownAfter: Promise<unknown> = Promise.resolve()
  function showAfter(gate: Promise<unknown>) {
    shownAfter = gate
  }

  async function load(): Promise<void> {
    await shownAfter
    try {
      await copyLegacyAreasOnce()
      const data = await readUserData()
      stamps.value = Object.freeze(data.stamps)
      favorites.value = Object.freeze(data.favorites)
      savedAreas.value = Object.freeze(data.savedAreas)
      settings.value = new Map(data.settings.map((s) => [s.key, s.value]))
      keepLocaleCopy(settings.value.get(SETTING.locale))
      failed.value = false
    } catch {
      failed.value = true
    } finally {
      loaded.value = true
    }
  }
  let loading: Promise<void> | null = null
  function ensureLoaded(): Promise<void> {
    loading ??= load()
    return loading
  }

  /** A setting as stored; reads the database on first use. */
  async function setting(key: string): Promise<Setting['value'] | undefined> {
    if (loaded.value && !failed.value) return settings.value.get(key)
    return getSetting(key)
  }
  async function setSetting(key: string, value: Setting['value']): Promise<void> {
    await putSetting(key, value)
    settings.value = new Map(settings.value).set(key, value)
    if (key === SETTING.locale) keepLocaleCopy(value)
  }

  /**
   * The locale setting's copy on this device (LOCALE_COPY_KEY: '' when none was chosen; null when there is none, or no
   * localStorage), which the first render reads without waiting for IndexedDB (modules/i18n). It follows the setting
   * whenever the person's data is read (a backup's import included) or the setting is saved, and whenever start-up
   * reads the setting on its own (`keepLocaleCopy`).
   */
  const localeCopy = () => readLocal(LOCALE_COPY_KEY)
  const keepLocaleCopy = (saved: Setting['value'] | undefined) => writeLocal(LOCALE_COPY_KEY, typeof saved === 'string' ? saved : '')

  // --- persistence: asked for at the first moment it matters, and the answer shown --------------
  async function refreshStorage(): Promise<void> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
    if (!storage?.persisted) persist.value = 'unsupported'
    else persist.value = (await storage.persisted().catch(() => false)) ? 'granted' : 'not-granted'
    const e = await storage?.estimate?.().catch(() => null)
    estimate.value = e && typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null
  }
  /** At the first stamp or favourite: ask the browser to keep this site's data (once per device). */
  async function protectFirstData(): Promise<void> {
    if (settings.value.get(SETTING.persistAsked)) return
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined
    if (storage?.persist) persist.value = (await storage.persist().catch(() => false)) ? 'granted' : 'not-granted'
    else persist.value = 'unsupported'
    await setSetting(SETTING.persistAsked, true).catch(() => undefined)
  }

  // --- writes --------------------------------------------------------------------------------------
  async function addStamp(stamp: Stamp): Promise<{ stamp: Stamp; added: boolean }> {
    const result = await addStampRow(stamp)
    if (result.added) {
      stamps.value = Object.freeze([...stamps.value, result.stamp])
      void protectFirstData()
    }
    return result
  }
  async function saveFavorite(favorite: Favorite): Promise<void> {
    await putFavorite(favorite)
    favorites.value = Object.freeze([...favorites.value.filter((f) => f.key !== favorite.key), favorite])
    void protectFirstData()
  }
  async function removeFavorite(key: string): Promise<void> {
    await deleteFavorite(key)
    favorites.value = Object.freeze(favorites.value.filter((f) => f.key !== key))
  }
  async function saveArea(area: SavedArea): Promise<void> {
    await putSavedArea(area)
    savedAreas.value = Object.freeze([...savedAreas.value.filter((a) => a.id !== area.id), area])
  }
  async function removeArea(id: string): Promise<void> {
    await deleteSavedArea(id)
    savedAreas.value = Object.freeze(savedAreas.value.filter((a) => a.id !== id))
  }

  // --- backup --------------------------------------------------------------------------------------
  const lastBackupAt = computed(() => {
    const v = settings.value.get(SETTING.lastBackupAt)
    return typeof v === 'string' ? v : null
  })
  /** New stamps since the last backup, for the reminder. */
  const unsavedStamps = computed(() => stampsSinceBackup(stamps.value, lastBackupAt.value))
  const bytes = computed(() => userDataBytes({ stamps: stamps.value, favorites: favorites.value, settings: [...settings.value].map(([key, value]) => ({ key, value })), savedAreas: savedAreas.value }))

  /** The backup of everything on this device, read in one transaction; remembered as "last backup". */
  async function exportBackup(now = new Date()): Promise<UserBackup> {
    const backup = toBackup(await readUserData(), now)
    await setSetting(SETTING.lastBackupAt, now.toISOString()).catch(() => undefined)
    return backup
  }

  /** Reads any file the app exported (backup, old backup, old favourites file) and adds what is missing. */
  async function importFile(text: string): Promise<ImportOutcome> {
    const { readUserFile } = await import('@/domain/user-data-file') // the validator loads only here
    const read = readUserFile(text)
    if (!read.ok) return read
    const added = await mergeUserData(read.data)
    await load()
    return { ok: true, added, from: read.from }
  }

  /** Re-reads one list after a write elsewhere (a test, another tab). */
  async function reload(): Promise<void> {
    const [s, f, a] = await Promise.all([listStamps(), listFavorites(), listSavedAreas()])
    stamps.value = Object.freeze(s)
    favorites.value = Object.freeze(f)
    savedAreas.value = Object.freeze(a)
  }

  return {
    stamps,
    favorites,
    savedAreas,
    settings,
    loaded,
    failed,
    persist,
    estimate,
    lastBackupAt,
    unsavedStamps,
    bytes,
    load,
    showAfter,
    ensureLoaded,
    reload,
    setting,
    setSetting,
    localeCopy,
    keepLocaleCopy,
    refreshStorage,
    protectFirstData,
    addStamp,
    saveFavorite,
    removeFavorite,
    saveArea,
    removeArea,
    exportBackup,
    importFile,
  }
})
