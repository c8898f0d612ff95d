/** My trip as data: the share link (round trip, tampered, oversized), the stored list, the calendar file. */
import { describe, expect, it } from 'vitest'
import { decodeTripLink, encodeTripLink, MAX_LINK_CHARS, readTrips, tripToIcs, type Trip } from '@/domain/trip-file'

const trip: Trip = {
  id: 'trip-abc',
  title: '萩と津和野の一日',
  date: '2026-12-05',
  start: '09:30',
  mode: 'walk',
  updatedAt: '2026-12-02T01:00:00.000Z',
  stops: [
    { key: 'spot:pref-3500150323', name: { ja: '萩城下町', en: 'Hagi castle town' }, point: { lat: 34.4183, lng: 131.3939 }, stay: 60 },
    { key: 'event:ev-1', name: { ja: '朝市' }, stay: 30 },
    { key: 'place:route-hagi-3', name: { ja: '松陰神社' }, point: { lat: 34.4098, lng: 131.4125 }, stay: 45 },
  ],
}

describe('share link', () => {
  it('round trip: everything but the local id comes back', () => {
    const read = decodeTripLink(encodeTripLink(trip))
    expect(read).toEqual({ ok: true, trip: { title: trip.title, date: trip.date, start: trip.start, mode: trip.mode, stops: trip.stops, updatedAt: trip.updatedAt } })
  })
  it.each([
    ['a changed character', (p: string) => p.slice(0, 10) + (p[10] === 'A' ? 'B' : 'A') + p.slice(11)],
    ['cut short', (p: string) => p.slice(0, p.length - 7)],
    ['not base64url', () => 'a b c'],
    ['another JSON', () => Buffer.from(JSON.stringify({ hello: 1 })).toString('base64url')],
    ['a stop that is not a stop', () => Buffer.from(JSON.stringify({ ...trip, id: undefined, stops: [{ key: 'javascript:alert(1)', name: { ja: 'x' }, stay: 1 }] })).toString('base64url')],
  ])('refuses %s', (_what, change) => {
    expect(decodeTripLink(change(encodeTripLink(trip)))).toMatchObject({ ok: false })
  })
  it('refuses an oversized link before reading it', () => {
    expect(decodeTripLink('A'.repeat(MAX_LINK_CHARS + 1))).toEqual({ ok: false, reason: 'too-long' })
  })
})

describe('stored trips', () => {
  it('reads what was stored and drops what no longer reads as a trip', () => {
    expect(readTrips(JSON.stringify([trip]))).toEqual([trip])
    expect(readTrips('not json')).toEqual([])
    expect(readTrips(JSON.stringify([{ ...trip, date: 'soon' }]))).toEqual([])
    expect(readTrips(undefined)).toEqual([])
  })
})

describe('calendar file', () => {
  it('one event per stop at its estimated time, written in UTC from Japan time', () => {
    const ics = tripToIcs(trip, (s) => s.name.ja, '目安')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3)
    // 09:30 JST = 00:30 UTC; the first stop stays 60 min.
    expect(ics).toContain('DTSTART:20261205T003000Z')
    expect(ics).toContain('DTEND:20261205T013000Z')
    expect(ics).toContain('SUMMARY:萩城下町')
  })
})
