/**
 * My trips (旅のしおり): the person's data, kept through the user-data store (one setting, so they are
 * in the backup and the QR transfer like stamps and favourites, and no data update touches them).
 * A stop keeps the name it had when it was added: if its record leaves the data, it stays, marked.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { SETTING } from '@/domain/storage-keys'
import { DEFAULT_STAY } from '@/domain/trip'
import { addDays } from '@/domain/event-dates'
import { MAX_DAYS, readTrips, type Trip, type TripDay, type TripStop } from '@/domain/trip-file'
import type { Localized, Point, Route } from '@/domain/snapshot-schema'
import { useRecordsStore } from './records'
import { useUserDataStore } from './user-data'

export const useTripsStore = defineStore('trips', () => {
  const user = useUserDataStore()
  const records = useRecordsStore()
  const trips = computed<Trip[]>(() => readTrips(user.settings.get(SETTING.trips)))
  const byId = (id: string) => trips.value.find((t) => t.id === id)

  async function save(list: Trip[]) {
    await user.setSetting(SETTING.trips, JSON.stringify(list))
  }
  async function put(trip: Trip) {
    const next = { ...trip, updatedAt: new Date().toISOString() }
    await save([...trips.value.filter((t) => t.id !== trip.id), next])
    return next
  }
  async function remove(id: string) {
    await save(trips.value.filter((t) => t.id !== id))
  }

  function stopOf(key: string, name: Localized, point: Point | undefined, category?: string): TripStop {
    const kind = key.split(':')[0]!
    return { key, name: name.en ? { ja: name.ja, en: name.en } : { ja: name.ja }, ...(point ? { point } : {}), stay: DEFAULT_STAY[category ?? ''] ?? DEFAULT_STAY[kind] ?? 45 }
  }

  const newDay = (date: string, stops: TripStop[] = []): TripDay => ({ date, start: '09:00', mode: 'walk', stops: stops.slice(0, 30) })

  /** A new trip of one day from stops (Saved's places, a model route's stops, a record's page, or none). */
  async function create(title: string, date: string, stops: TripStop[]): Promise<Trip> {
    const trip: Trip = { id: `trip-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, title, days: [newDay(date, stops)], updatedAt: new Date().toISOString() }
    return put(trip)
  }

  /** The trip with one more day, the day after its last one (null when it already has the most days). */
  function withDayAdded(trip: Trip): Trip | null {
    if (trip.days.length >= MAX_DAYS) return null
    return { ...trip, days: [...trip.days, newDay(addDays(trip.days.at(-1)!.date, 1))] }
  }

  /**
   * "Add to my trip" from a record's page: the stop at the end of that day. Refused (false) when the
   * day is full or the trip is gone; a stop already on that day is not added twice.
   */
  async function addStop(tripId: string, dayIndex: number, stop: TripStop): Promise<'added' | 'already' | 'full' | 'gone'> {
    const trip = byId(tripId)
    const day = trip?.days[dayIndex]
    if (!trip || !day) return 'gone'
    if (day.stops.some((s) => s.key === stop.key)) return 'already'
    if (day.stops.length >= 30) return 'full'
    await put({ ...trip, days: trip.days.map((d, i) => (i === dayIndex ? { ...d, stops: [...d.stops, stop] } : d)) })
    return 'added'
  }

  /** Saved places and events, as stops (those the data still lists, with their current point). */
  function stopsFromFavorites(): TripStop[] {
    return user.favorites.flatMap((f) => {
      if (f.kind === 'spot') {
        const s = records.spotById.get(f.id)
        return s ? [stopOf(`spot:${s.id}`, s.name, s.point, s.category)] : []
      }
      if (f.kind === 'event') {
        const e = records.events.find((x) => x.id === f.id)
        return e ? [stopOf(`event:${e.id}`, e.name, e.point, 'event')] : []
      }
      return []
    })
  }

  /** A model route's stops, in its order ("make this my day"). */
  function stopsFromRoute(route: Route): TripStop[] {
    return route.stops.map((st, i) => {
      const spot = st.spotId ? records.spotById.get(st.spotId) : undefined
      return spot ? stopOf(`spot:${spot.id}`, spot.name, spot.point ?? st.point, spot.category) : stopOf(`place:${route.id.replace(/[^a-z0-9-]/g, '-').slice(0, 50)}-${i + 1}`, st.name, st.point, 'other')
    })
  }

  return { trips, byId, put, remove, create, withDayAdded, addStop, stopOf, stopsFromFavorites, stopsFromRoute }
})
