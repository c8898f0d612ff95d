/** My trip as an iCalendar file (one event per stop, Japan times written in UTC). Loaded with the trip screens only. */
import { createEvents, type EventAttributes } from 'ics'
import { tokyoMinutesToUtcMs as tokyoMs } from './event-ics'
import { timeline, toMinutes, type TravelMode } from './trip'
import type { Trip, TripStop } from './trip-file'

/** The trip as an iCalendar file: one event per stop at its estimated arrival and leave time (Japan time, written in UTC). */
export function tripToIcs(trip: Pick<Trip, 'days' | 'title'>, nameOf: (s: TripStop) => string, note: string): string {
  const events: EventAttributes[] = trip.days.flatMap((day, d) => {
    const rows = timeline(day.stops, toMinutes(day.start), day.mode as TravelMode)
    return day.stops.map((s, i) => ({
      title: nameOf(s),
      description: note,
      start: tokyoMs(day.date, rows[i]!.arrive),
      startInputType: 'utc' as const,
      startOutputType: 'utc' as const,
      end: tokyoMs(day.date, Math.max(rows[i]!.leave, rows[i]!.arrive + 1)),
      endInputType: 'utc' as const,
      endOutputType: 'utc' as const,
      uid: `${day.date}-${d + 1}-${i}-${s.key.replace(/[^a-z0-9]/gi, '-')}@yume-kairo-guide`,
      productId: 'yume-kairo-guide',
      calName: trip.title || 'Yume Kairo Guide',
      ...(s.point ? { geo: { lat: s.point.lat, lon: s.point.lng } } : {}),
    }))
  })
  const { error, value } = createEvents(events)
  if (error || !value) throw error ?? new Error('Could not create the calendar file')
  return value
}

