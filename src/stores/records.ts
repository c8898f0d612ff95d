/**
 * The region's records, read from IndexedDB and reloaded whenever the stored
 * snapshot changes. Records are frozen plain objects (no deep reactivity).
 */
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { Municipality, Rally, RegionEvent, Route, Scheme, Source, Spot } from '@/domain/snapshot-schema'
import { getAllRecords } from '@/data/repositories/snapshot-repo'
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

  async function load() {
    const [m, s, r, e, sc, ra, so] = await Promise.all([
      getAllRecords('municipalities'),
      getAllRecords('spots'),
      getAllRecords('routes'),
      getAllRecords('events'),
      getAllRecords('schemes'),
      getAllRecords('rallies'),
      getAllRecords('sources'),
    ])
    municipalities.value = Object.freeze(inTownOrder(m))
    spots.value = Object.freeze(s)
    routes.value = Object.freeze(r)
    events.value = Object.freeze(e)
    schemes.value = Object.freeze(sc)
    rallies.value = Object.freeze(ra)
    sources.value = Object.freeze(so)
    loaded.value = true
  }

  watch(
    () => snapshot.revision,
    (revision) => {
      if (revision > 0) void load().catch(() => undefined)
    },
    { immediate: true },
  )

  const municipalityByCode = computed(() => new Map(municipalities.value.map((m) => [m.code, m])))
  const spotById = computed(() => new Map(spots.value.map((s) => [s.id, s])))
  const sourceById = computed(() => new Map(sources.value.map((s) => [s.id, s])))

  /** The records are there, or there is nothing to wait for (no data stored and none could be fetched). */
  const settled = computed(() => loaded.value || snapshot.status === 'empty')

  return { municipalities, spots, routes, events, schemes, rallies, sources, loaded, settled, load, municipalityByCode, spotById, sourceById }
})
