/**
 * One event date → an .ics calendar file (RFC 5545) via the `ics` package.
 * Times in the data are Japan time (UTC+9, no daylight saving), written as UTC.
 * Kept small and pure so it can be merged with the events area's helper.
 */
import { createEvent, type DateArray, type EventAttributes } from 'ics'
import type { EventDate } from './snapshot-schema'

export interface IcsInput {
  uid: string
  title: string
  date: EventDate
  description?: string
  location?: string
  url?: string
}

const JST_OFFSET_H = 9

function utcParts(day: string, time: string): DateArray {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const [h, min] = time.split(':').map(Number) as [number, number]
  const t = new Date(Date.UTC(y, m - 1, d, h - JST_OFFSET_H, min))
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()]
}

function dayParts(day: string, addDays = 0): DateArray {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + addDays))
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()]
}

/** The .ics text, or throws when the input cannot be expressed as an event. */
export function eventToIcs(input: IcsInput): string {
  const { date } = input
  const lastDay = date.end ?? date.start
  const when: Pick<EventAttributes, 'start' | 'startInputType' | 'startOutputType' | 'endInputType' | 'endOutputType'> & { end: DateArray } =
    date.startTime
      ? {
          start: utcParts(date.start, date.startTime),
          end: date.endTime ? utcParts(lastDay, date.endTime) : utcParts(lastDay, date.startTime),
          startInputType: 'utc',
          startOutputType: 'utc',
          endInputType: 'utc',
          endOutputType: 'utc',
        }
      : { start: dayParts(date.start), end: dayParts(lastDay, 1) }
  const { error, value } = createEvent({
    ...when,
    uid: input.uid,
    title: input.title,
    description: input.description,
    location: input.location,
    url: input.url,
    productId: 'yume-kairo-guide',
    calName: 'Yume Kairo Guide',
  })
  if (error || !value) throw error ?? new Error('ics: no output')
  return value
}
