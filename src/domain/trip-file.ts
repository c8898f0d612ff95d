/**
 * My trip as stored data (one valibot schema), as a share link whose state is in the URL, and as an
 * iCalendar file (one event per stop, Japan times). Loaded with the trip screens only.
 */
import { createEvents, type EventAttributes } from 'ics'
import * as v from 'valibot'
import { base64UrlDecode, base64UrlEncode } from './rally-codes'
import { IsoDateSchema } from './snapshot-schema'
import { timeline, toMinutes, type TravelMode } from './trip'

const Time = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is not a time (HH:MM)'))
const Name = v.object({ ja: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), en: v.optional(v.pipe(v.string(), v.maxLength(200))) })
export const TripStopSchema = v.object({
  /** `spot:<id>` | `event:<id>` | `checkpoint:<rallyId>/<id>` | `place:<n>` (a model route's stop that is not a listed place) */
  key: v.pipe(v.string(), v.regex(/^(spot|event):[a-z0-9][a-z0-9._:-]{0,127}$|^checkpoint:[a-z0-9][a-z0-9._:-]{0,127}\/[a-z0-9][a-z0-9._:-]{0,127}$|^place:[a-z0-9-]{1,60}$/, 'is not a stop')),
  /** The name when it was added: shown if the record leaves the data. */
  name: Name,
  point: v.optional(v.object({ lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)), lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)) })),
  stay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
})
export const TripSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^trip-[a-z0-9-]{1,40}$/)),
  title: v.pipe(v.string(), v.maxLength(200)),
  date: IsoDateSchema,
  start: Time,
  mode: v.picklist(['walk', 'car']),
  stops: v.pipe(v.array(TripStopSchema), v.maxLength(30, 'a day has at most 30 stops')),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
})
export type Trip = v.InferOutput<typeof TripSchema>
export type TripStop = v.InferOutput<typeof TripStopSchema>
export const TripListSchema = v.pipe(v.array(TripSchema), v.maxLength(50))

/** Trips as kept in the person's settings: the ones that still read as trips. */
export function readTrips(json: unknown): Trip[] {
  if (typeof json !== 'string') return []
  try {
    const r = v.safeParse(TripListSchema, JSON.parse(json))
    return r.success ? r.output : []
  } catch {
    return []
  }
}

/** A share link's payload: at most this long (a URL a phone can pass on). */
export const MAX_LINK_CHARS = 4000

/** The trip in the URL (`/trips/shared#t=<payload>`): base64url of its JSON, without the id. */
export function encodeTripLink(trip: Trip): string {
  const { title, date, start, mode, stops, updatedAt } = trip
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify({ title, date, start, mode, stops, updatedAt })))
}

export type LinkRead = { ok: true; trip: Omit<Trip, 'id'> } | { ok: false; reason: 'too-long' | 'not-a-trip' }

/** Reads a shared link; a tampered, foreign or oversized one is refused. */
export function decodeTripLink(payload: string): LinkRead {
  if (payload.length > MAX_LINK_CHARS) return { ok: false, reason: 'too-long' }
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlDecode(payload)))
    const r = v.safeParse(v.omit(TripSchema, ['id']), json)
    return r.success ? { ok: true, trip: r.output } : { ok: false, reason: 'not-a-trip' }
  } catch {
    return { ok: false, reason: 'not-a-trip' }
  }
}

const TOKYO_OFFSET_H = 9
const tokyoMs = (date: string, minutes: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d, -TOKYO_OFFSET_H, minutes)
}

/** The day as an iCalendar file: one event per stop at its estimated arrival and leave time (Japan time, written in UTC). */
export function tripToIcs(trip: Pick<Trip, 'date' | 'start' | 'mode' | 'stops' | 'title'>, nameOf: (s: TripStop) => string, note: string): string {
  const rows = timeline(trip.stops, toMinutes(trip.start), trip.mode as TravelMode)
  const events: EventAttributes[] = trip.stops.map((s, i) => ({
    title: nameOf(s),
    description: note,
    start: tokyoMs(trip.date, rows[i]!.arrive),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: tokyoMs(trip.date, Math.max(rows[i]!.leave, rows[i]!.arrive + 1)),
    endInputType: 'utc',
    endOutputType: 'utc',
    uid: `${trip.date}-${i}-${s.key.replace(/[^a-z0-9]/gi, '-')}@yume-kairo-guide`,
    productId: 'yume-kairo-guide',
    calName: trip.title || 'Yume Kairo Guide',
    ...(s.point ? { geo: { lat: s.point.lat, lon: s.point.lng } } : {}),
  }))
  const { error, value } = createEvents(events)
  if (error || !value) throw error ?? new Error('Could not create the calendar file')
  return value
}
