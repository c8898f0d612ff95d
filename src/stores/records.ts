/**
 * The region's records, read from IndexedDB (or taken from the snapshot store's
 * start-up read or the import that just wrote them) and reloaded whenever the
 * stored snapshot changes. Records are frozen plain objects (no deep reactivity).
 */
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { FirstScreen } from '@/domain/first-screen'
import type { SnapshotRecords } from '@/domain/record-order'
import type { Municipality, Rally, RegionEvent, Route, Scheme, Source, Spot } from '@/domain/snapshot-schema'
import { readStoredSnapshot } from '@/data/repositories/snapshot-repo'
import { inTownOrder } from '@/domain/town-order'
import { useSnapshotStore } from './snapshot'

export const useRecordsStore = defineStore('records', () => {
  const snapshot = useSnapshotStore()
  const municipalities = shallowRef<readonly Municipality[]>([])
  const spots = shallowRef<readonly Spot[]>([])
  const routes = shallowRef<readonly Route[]>([])
  const events = shallowRef<readonly RegionEvent[]>([])
  const schemes = shallowRef<readonly Scheme[]>([])
  const rallies = shallowRef<readonly Rally[]>([])
  const sources = shallowRef<readonly Source[]>([])
  const loaded = shallowRef(false)
  /**
   * A prerendered page's first screen (domain/first-screen): the records its HTML was rendered from, shown until the
   * stored records are read. Only the pages that render it read it; every other reader sees no records until then.
   * It ends for good when the records are read, when there are none to read, or when reading them failed: places
   * with nothing behind them are not offered.
   */
  const firstScreen = shallowRef<FirstScreen | null>(null)
  /** The first screen's records are the stored ones (domain/first-screen, FIRST_SCREEN_STORED): nothing replaces them. */
  const firstScreenStored = shallowRef(false)
  function showFirstScreen(screen: FirstScreen | null, { stored = false } = {}) {
    if (settled.value) return
    firstScreen.value = screen
    firstScreenStored.value = !!screen && stored
  }
  /** The first screen of this route (only the page it was rendered for shows it), while it is shown. */
  function firstScreenFor(path: string): FirstScreen | null {
    return firstScreen.value?.path === path ? firstScreen.value : null
  }
  /** This route shows its first screen, and the stored records may still replace it (its list is busy). */
  function firstScreenBusy(path: string): boolean {
    return !!firstScreenFor(path) && !firstScreenStored.value
  }

  /** Every record kind, read from the database in one transaction (the same read as start-up's). */
  async function readAll(): Promise<SnapshotRecords> {
    const { records } = await readStoredSnapshot()
    return records ?? { sources: [], municipalities: [], spots: [], routes: [], events: [], schemes: [], rallies: [] }
  }

  async function load() {
    // The records the snapshot store already holds (read at start-up with the meta, or just imported),
    // else a read of the database.
    const data = snapshot.takeRecords() ?? (await readAll())
    municipalities.value = Object.freeze(inTownOrder(data.municipalities))
    spots.value = Object.freeze(data.spots)
    routes.value = Object.freeze(data.routes)
    events.value = Object.freeze(data.events)
    schemes.value = Object.freeze(data.schemes)
    rallies.value = Object.freeze(data.rallies)
    sources.value = Object.freeze(data.sources)
    loaded.value = true
  }

  watch(
    () => snapshot.revision,
    (revision) => {
      if (revision > 0)
        void load().catch(() => {
          firstScreen.value = null
        })
    },
    { immediate: true },
  )

  const municipalityByCode = computed(() => new Map(municipalities.value.map((m) => [m.code, m])))
  const spotById = computed(() => new Map(spots.value.map((s) => [s.id, s])))
  const sourceById = computed(() => new Map(sources.value.map((s) => [s.id, s])))
  /** The towns (code and name, in the towns' order): the stored ones, or a first screen's before they are read. */
  const towns = computed<readonly Pick<Municipality, 'code' | 'name'>[]>(() => (municipalities.value.length ? municipalities.value : (firstScreen.value?.towns ?? [])))
  /** Town names, for a card: the stored towns, or a first screen's before they are read. */
  const townNameByCode = computed(() => new Map(towns.value.map((m) => [m.code as string, m.name])))
  /** Source titles, for a card that names its source: the stored sources, or a first screen's before they are read. */
  const sourceTitleById = computed(() => new Map((sources.value.length ? sources.value : (firstScreen.value?.sources ?? [])).map((s) => [s.id, s.title])))

  /** The records are there, or there is nothing to wait for (no data stored and none could be fetched). */
  const settled = computed(() => loaded.value || snapshot.status === 'empty')
  watch(
    settled,
    (done) => {
      if (done) firstScreen.value = null
    },
    { flush: 'sync' },
  )

  return { municipalities, spots, routes, events, schemes, rallies, sources, loaded, settled, load, municipalityByCode, spotById, sourceById, towns, townNameByCode, sourceTitleById, firstScreen, showFirstScreen, firstScreenFor, firstScreenBusy }
})
