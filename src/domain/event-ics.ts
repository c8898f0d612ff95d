/**
 * An event occurrence as an iCalendar file (RFC 5545) via the `ics` library.
 * Times published in Japan are converted to UTC (`...Z`), so every calendar app
 * shows them at the right moment whatever the phone's zone; events without a
 * time become all-day events (VALUE=DATE, end exclusive). Pure: no Vue.
 */
import { createEvent, type EventAttributes } from 'ics'
import { addDays, type Occurrence } from './event-dates'

/** Japan has no daylight saving: Asia/Tokyo is always UTC+9. */
const TOKYO_OFFSET_H = 9

/** `minutes` after midnight of a Japan date (past 24 h runs into the next day), as a UTC instant. */
export function tokyoMinutesToUtcMs(iso: string, minutes: number): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d, -TOKYO_OFFSET_H, minutes)
}
function tokyoToUtcMs(iso: string, time: string): number {
  const [h, min] = time.split(':').map(Number) as [number, number]
  return tokyoMinutesToUtcMs(iso, h * 60 + min)
}
function dateArray(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number]
}

export interface IcsText {
  id: string
  title: string
  description?: string
  location?: string
  url?: string
}

export function occurrenceToIcs(event: IcsText, occ: Occurrence): string {
  const base = {
    title: event.title,
    description: event.description,
    location: event.location,
    url: event.url?.startsWith('https://') ? event.url : undefined,
    uid: `${event.id}-${occ.start}@yume-kairo-guide`,
    productId: 'yume-kairo-guide',
    calName: 'Yume Kairo Guide',
  }
  let attributes: EventAttributes
  if (occ.startTime) {
    const start = tokyoToUtcMs(occ.start, occ.startTime)
    const end = occ.endTime ? tokyoToUtcMs(occ.end, occ.endTime) : undefined
    attributes = {
      ...base,
      start,
      startInputType: 'utc',
      startOutputType: 'utc',
      ...(end !== undefined && end > start ? { end, endInputType: 'utc', endOutputType: 'utc' } : {}),
    } as EventAttributes
  } else {
    attributes = { ...base, start: dateArray(occ.start), end: dateArray(addDays(occ.end, 1)) }
  }
  const { error, value } = createEvent(attributes)
  if (error || !value) throw error ?? new Error('Could not create the calendar file')
  return value
}

/** A safe file name for the download. */
export function icsFileName(id: string, occ: Occurrence): string {
  return `${id.replace(/[^a-z0-9._-]/gi, '-')}-${occ.start}.ics`
}
