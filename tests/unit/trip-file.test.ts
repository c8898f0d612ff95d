/** My trip as data: the share link (round trip, tampered, oversized), the stored list (first version's one-day trips too), the calendar file. */
import { describe, expect, it } from 'vitest'
import { addDays } from '@/domain/event-dates'
import { decodeTripLink, encodeTripLink, MAX_DAYS, MAX_LINK_CHARS, readTrips, type Trip } from '@/domain/trip-file'
import { tripToIcs } from '@/domain/trip-ics'

const stops = [
  { key: 'spot:pref-3500150323', name: { ja: '萩城下町', en: 'Hagi castle town' }, point: { lat: 34.4183, lng: 131.3939 }, stay: 60 },
  { key: 'event:ev-1', name: { ja: '朝市' }, stay: 30 },
  { key: 'place:route-hagi-3', name: { ja: '松陰神社' }, point: { lat: 34.4098, lng: 131.4125 }, stay: 45 },
]
const trip: Trip = {
  id: 'trip-abc',
  title: '萩と津和野の旅',
  updatedAt: '2026-12-02T01:00:00.000Z',
  days: [
    { date: '2026-12-05', start: '09:30', mode: 'walk', stops },
    { date: '2026-12-06', start: '10:00', mode: 'car', stops: [{ key: 'checkpoint:rally-1/cp-2', name: { ja: '津和野駅' }, point: { lat: 34.4676, lng: 131.7675 }, stay: 15 }] },
  ],
}
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('share link', () => {
  it('round trip: every day comes back, without the local id', () => {
    expect(decodeTripLink(encodeTripLink(trip))).toEqual({ ok: true, trip: { title: trip.title, days: trip.days, updatedAt: trip.updatedAt } })
  })
  it('a one-day link of the first version opens as a trip of one day', () => {
    const old = { title: '一日', date: '2026-12-05', start: '09:30', mode: 'walk', stops, updatedAt: trip.updatedAt }
    expect(decodeTripLink(b64(old))).toEqual({ ok: true, trip: { title: '一日', updatedAt: trip.updatedAt, days: [{ date: '2026-12-05', start: '09:30', mode: 'walk', stops }] } })
  })
  it.each([
    ['a changed character', (p: string) => p.slice(0, 10) + (p[10] === 'A' ? 'B' : 'A') + p.slice(11)],
    ['cut short', (p: string) => p.slice(0, p.length - 7)],
    ['not base64url', () => 'a b c'],
    ['another JSON', () => b64({ hello: 1 })],
    ['a stop that is not a stop', () => b64({ ...trip, id: undefined, days: [{ ...trip.days[0], stops: [{ key: 'javascript:alert(1)', name: { ja: 'x' }, stay: 1 }] }] })],
    ['a trip without days', () => b64({ title: 'x', days: [], updatedAt: trip.updatedAt })],
    ['more days than a trip has', () => b64({ title: 'x', days: Array.from({ length: MAX_DAYS + 1 }, () => trip.days[1]), updatedAt: trip.updatedAt })],
    ['a date that is not a date', () => b64({ ...trip, days: [{ ...trip.days[0], date: '2026-02-30' }] })],
  ])('refuses %s', (_what, change) => {
    expect(decodeTripLink(change(encodeTripLink(trip)))).toMatchObject({ ok: false })
  })
  it('refuses an oversized link before reading it', () => {
    expect(decodeTripLink('A'.repeat(MAX_LINK_CHARS + 1))).toEqual({ ok: false, reason: 'too-long' })
  })
})

describe('stored trips', () => {
  it('reads what was stored, one-day trips of the first version as trips of one day, and drops only what no longer reads as a trip', () => {
    const old = { id: 'trip-old', title: '前の形', date: '2026-11-30', start: '08:00', mode: 'car', stops, updatedAt: trip.updatedAt }
    expect(readTrips(JSON.stringify([trip, { ...trip, id: 'trip-bad', days: [{ ...trip.days[0], date: 'soon' }] }, old]))).toEqual([
      trip,
      { id: 'trip-old', title: '前の形', updatedAt: trip.updatedAt, days: [{ date: '2026-11-30', start: '08:00', mode: 'car', stops }] },
    ])
    expect(readTrips('not json')).toEqual([])
    expect(readTrips('{"not":"a list"}')).toEqual([])
    expect(readTrips(undefined)).toEqual([])
  })
})

describe('calendar file', () => {
  it('one event per stop of every day at its estimated time, written in UTC from Japan time', () => {
    const ics = tripToIcs(trip, (s) => s.name.ja, '目安')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4)
    // 09:30 JST = 00:30 UTC; the first stop stays 60 min.
    expect(ics).toContain('DTSTART:20261205T003000Z')
    expect(ics).toContain('DTEND:20261205T013000Z')
    expect(ics).toContain('SUMMARY:萩城下町')
    // Day 2 starts at 10:00 JST = 01:00 UTC.
    expect(ics).toContain('DTSTART:20261206T010000Z')
  })
})

describe('the next day', () => {
  it.each([
    ['2026-12-05', '2026-12-06'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
    ['2027-02-28', '2027-03-01'],
  ])('%s → %s', (date, next) => expect(addDays(date, 1)).toBe(next))
})
