/**
 * The map page's state: markers built from the records, filters (kind,
 * category, town – the town is in the URL, `?town=35203`, so it can be linked),
 * the route to draw (`?route=<id>`), the record to focus (`?focus=spot:<id>`, see parseFocus, or a
 * route's stop, `?route=<id>&stop=<n>`),
 * the selected marker and the nearby order.
 */
import { storeToRefs } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { todayInTokyo } from '@/domain/event-dates'
import { buildMarkers, filterMarkers, MARKER_KINDS, markerCategories, parseFocus, parseLineQuery, parseRouteStop, parseTown, routeAsLine, sortMarkers, tripDayLine, type MapLine, type MarkerKind } from '@/domain/map-markers'
import type { MunicipalityCode } from '@/domain/snapshot-schema'
import { useLocationStore } from '@/stores/location'
import { useRecordsStore } from '@/stores/records'
import { useTripsStore } from '@/stores/trips'
import { useUserDataStore } from '@/stores/user-data'

export function useMapState(now: () => Date = () => new Date()) {
  const records = useRecordsStore()
  const { municipalities, spots, events, rallies, routes } = storeToRefs(records)
  const location = useLocationStore()
  const route = useRoute()
  const router = useRouter()

  const kinds = ref<MarkerKind[]>([...MARKER_KINDS])
  const category = ref<string | null>(null)
  const selectedKey = shallowRef<string | null>(null)

  /** The towns to choose from: the stored ones, or before they are read, the prerendered page's town buttons (domain/first-screen). */
  const townChoices = computed(() => records.firstScreenFor('/map')?.towns ?? municipalities.value)
  const town = computed(() => parseTown(route.query.town, townChoices.value))
  const trips = useTripsStore()
  const user = useUserDataStore()
  // A trip's day on the map (`?trip=`) is the person's data.
  void user.ensureLoaded()
  /** The numbered line to draw: a model route, or a day of one of my trips (read from the person's data). */
  const selectedRoute = computed<MapLine | null>(() => {
    const q = parseLineQuery(route.query)
    if (q?.kind === 'route') {
      const r = routes.value.find((x) => x.id === q.id)
      return r ? routeAsLine(r) : null
    }
    if (q?.kind === 'trip') {
      const trip = trips.byId(q.id)
      return trip ? tripDayLine(trip, q.day) : null
    }
    return null
  })

  /** A stop of that line a link asks for (`…&stop=<n>`). */
  const focusedStop = computed(() => parseRouteStop(route.query, selectedRoute.value))
  /** The record a "show on map" link asks for (`?focus=…`, or the spot at a route stop), once its marker exists. */
  const focusKey = computed(() => parseFocus(route.query) ?? (focusedStop.value?.stop.spotId ? `spot:${focusedStop.value.stop.spotId}` : null))
  const allMarkers = computed(() => buildMarkers({ spots: spots.value, events: events.value, rallies: rallies.value }, todayInTokyo(now())))
  const categories = computed(() => markerCategories(allMarkers.value.filter((m) => kinds.value.includes(m.kind))))
  const visible = computed(() => filterMarkers(allMarkers.value, { kinds: kinds.value, category: category.value, town: town.value }))
  const listed = computed(() => sortMarkers(visible.value, location.position))
  const selected = computed(() => allMarkers.value.find((m) => m.key === selectedKey.value) ?? null)
  const focused = computed(() => (focusKey.value ? (allMarkers.value.find((m) => m.key === focusKey.value) ?? null) : null))

  function setTown(code: MunicipalityCode | null) {
    const query = { ...route.query }
    if (code) query.town = code
    else delete query.town
    void router.replace({ query })
  }

  function toggleTown(code: MunicipalityCode) {
    setTown(town.value === code ? null : code)
  }

  return { municipalities, townChoices, kinds, category, categories, town, selectedRoute, allMarkers, visible, listed, selectedKey, selected, focused, focusedStop, setTown, toggleTown }
}
