/**
 * My trip as stored data (one valibot schema, which also reads the first version's one-day trips) and
 * as a share link whose state is in the URL. The calendar file is trip-ics.ts.
 */
import * as v from 'valibot'
import { base64UrlDecode, base64UrlEncode } from './rally-codes'
import { isCalendarDay } from './event-dates'
import { IsoDateSchema } from './schema-atoms'

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
const DayFields = {
  date: v.pipe(IsoDateSchema, v.check(isCalendarDay, 'is not a day of the calendar')),
  start: Time,
  mode: v.picklist(['walk', 'car']),
  stops: v.pipe(v.array(TripStopSchema), v.maxLength(30, 'a day has at most 30 stops')),
}
export const TripDaySchema = v.object(DayFields)
/** At most two weeks: a trip of a few days, not a calendar. */
export const MAX_DAYS = 14
const TripBody = {
  title: v.pipe(v.string(), v.maxLength(200)),
  days: v.pipe(v.array(TripDaySchema), v.minLength(1), v.maxLength(MAX_DAYS, `a trip has at most ${MAX_DAYS} days`)),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
}
const TripId = v.pipe(v.string(), v.regex(/^trip-[a-z0-9-]{1,40}$/))
export const TripSchema = v.object({ id: TripId, ...TripBody })
export type Trip = v.InferOutput<typeof TripSchema>
export type TripDay = v.InferOutput<typeof TripDaySchema>
export type TripStop = v.InferOutput<typeof TripStopSchema>

/** A one-day trip as the first version stored it (and its links carried it): read as a trip of one day. */
const OneDayFields = { title: TripBody.title, updatedAt: TripBody.updatedAt, ...DayFields }
const asDays = ({ date, start, mode, stops, ...rest }: v.InferOutput<v.ObjectSchema<typeof OneDayFields, undefined>>) => ({ ...rest, days: [{ date, start, mode, stops }] })
const OneDayTrip = v.pipe(v.object({ id: TripId, ...OneDayFields }), v.transform(({ id, ...day }) => ({ id, ...asDays(day) })))
const OneDayLink = v.pipe(v.object(OneDayFields), v.transform(asDays))
const StoredTrip = v.union([TripSchema, OneDayTrip])
/** At most this many trips are kept. */
export const MAX_TRIPS = 50
const LinkedTrip = v.union([v.object(TripBody), OneDayLink])

/** Trips as kept in the person's settings: each one that still reads as a trip (one-day trips of the first version included). */
export function readTrips(json: unknown): Trip[] {
  if (typeof json !== 'string') return []
  try {
    const list: unknown = JSON.parse(json)
    if (!Array.isArray(list)) return []
    return list.slice(0, MAX_TRIPS).flatMap((item) => {
      const r = v.safeParse(StoredTrip, item)
      return r.success ? [r.output] : []
    })
  } catch {
    return []
  }
}

/** A share link's payload: at most this long (a URL a phone can pass on). */
export const MAX_LINK_CHARS = 4000

/** The trip in the URL (`/trips/shared#t=<payload>`): base64url of its JSON, without the id. */
export function encodeTripLink(trip: Trip): string {
  const { title, days, updatedAt } = trip
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify({ title, days, updatedAt })))
}

export type LinkRead = { ok: true; trip: Omit<Trip, 'id'> } | { ok: false; reason: 'too-long' | 'not-a-trip' }

/** Reads a shared link; a tampered, foreign or oversized one is refused. */
export function decodeTripLink(payload: string): LinkRead {
  if (payload.length > MAX_LINK_CHARS) return { ok: false, reason: 'too-long' }
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlDecode(payload)))
    const r = v.safeParse(LinkedTrip, json)
    return r.success ? { ok: true, trip: r.output } : { ok: false, reason: 'not-a-trip' }
  } catch {
    return { ok: false, reason: 'not-a-trip' }
  }
}
