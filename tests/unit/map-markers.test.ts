import { describe, expect, it } from 'vitest'
import { buildMarkers, filterMarkers, isUpcoming, nextEventDate, parseFocus, parseLineQuery, parseRouteStop, parseTown, routeAsLine, sortMarkers, todayInTokyo, tripDayLine, ALL_MARKERS } from '@/domain/map-markers'
import type { Rally, RegionEvent, Route, Spot } from '@/domain/snapshot-schema'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

const base = { source: 'x', asOf: '2026-01-01' }
const spot = (id: string, lat: number, lng: number, municipality: Spot['municipality'] = '35203'): Spot => ({ id, municipality, category: 'history', name: { ja: id }, point: { lat, lng }, ...base })
const event = (id: string, dates: RegionEvent['dates'], point = { lat: 34.18, lng: 131.47 }): RegionEvent => ({ id, municipality: '35203', category: 'festival', name: { ja: id }, dates, point, ...base })

describe('upcoming events (Asia/Tokyo)', () => {
  it("takes today's date in Japan, whatever the machine's zone", () => {
    // 2026-11-22 23:30 in Los Angeles is already 2026-11-23 16:30 in Tokyo.
    expect(todayInTokyo(new Date('2026-11-23T07:30:00Z'))).toBe('2026-11-23')
    expect(todayInTokyo(new Date('2026-11-22T14:59:00Z'))).toBe('2026-11-22')
    expect(todayInTokyo(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23')
  })

  it('an event is upcoming while any date has not ended', () => {
    const today = '2026-11-23'
    expect(isUpcoming(event('past', [{ start: '2026-11-22' }]), today)).toBe(false)
    expect(isUpcoming(event('today', [{ start: '2026-11-23' }]), today)).toBe(true)
    expect(nextEventDate(event('running', [{ start: '2026-11-20', end: '2026-11-25' }]), today)).toBe('2026-11-23')
    expect(nextEventDate(event('later', [{ start: '2026-01-01' }, { start: '2026-12-05' }]), today)).toBe('2026-12-05')
    expect(isUpcoming(event('undated', []), today)).toBe(false)
  })
})

describe('markers', () => {
  const rally: Rally = {
    id: 'r1', name: { ja: 'ラリー' }, description: { ja: 'd' }, period: { start: '2026-11-01' }, reward: { rule: { type: 'all' }, text: { ja: 'x' }, handover: 'counter' },
    checkpoints: [{ id: 'c1', name: { ja: 'チェック' }, municipality: '35204', point: { lat: 34.41, lng: 131.4 }, radiusM: 50, qrId: 'q1' }], keys: [], ...base,
  }
  const markers = buildMarkers({ spots: [spot('a', 34.18, 131.47), { ...spot('nopoint', 0, 0), point: undefined }], events: [event('soon', [{ start: '2026-12-01' }]), event('over', [{ start: '2026-01-01' }])], rallies: [rally] }, '2026-11-23')

  it('shows spots with a point, upcoming events with a point and every rally checkpoint, each linking to its page', () => {
    expect(markers.map((m) => [m.key, m.href])).toEqual([
      ['spot:a', '/spots/a'],
      ['event:soon', '/events/soon'],
      ['checkpoint:r1/c1', '/rally/r1'],
    ])
  })

  it('filters by kind, category and town', () => {
    expect(filterMarkers(markers, { ...ALL_MARKERS, kinds: ['event'] }).map((m) => m.id)).toEqual(['soon'])
    expect(filterMarkers(markers, { ...ALL_MARKERS, category: 'history' }).map((m) => m.id)).toEqual(['a'])
    expect(filterMarkers(markers, { ...ALL_MARKERS, town: '35204' }).map((m) => m.id)).toEqual(['c1'])
  })

  it('sorts nearest first when a position is known', () => {
    const near萩 = { lat: 34.4, lng: 131.39 }
    expect(sortMarkers(markers, near萩).map((m) => m.id)).toEqual(['c1', 'soon', 'a'])
    const sorted = sortMarkers(markers, near萩)
    expect(sorted[0]!.distanceM).toBeLessThan(sorted[1]!.distanceM!)
  })

  it('accepts only a real town code from the URL', () => {
    const towns = loadCommittedSnapshot().municipalities
    expect(parseTown('35203', towns)).toBe('35203')
    expect(parseTown(['35204'], towns)).toBe('35204')
    expect(parseTown('99999', towns)).toBeNull()
    expect(parseTown(undefined, towns)).toBeNull()
  })
})

describe('parseFocus: what a "show on map" link asks for', () => {
  it.each([
    [{ focus: 'spot:pref-3500150201' }, 'spot:pref-3500150201'],
    [{ focus: 'event:e2e-week' }, 'event:e2e-week'],
    [{ focus: 'checkpoint:rally-a/cp-1' }, 'checkpoint:rally-a/cp-1'],
    [{ rally: 'rally-a', checkpoint: 'cp-1' }, 'checkpoint:rally-a/cp-1'],
    [{ focus: ['spot:a', 'spot:b'] }, 'spot:a'],
    [{ focus: 'route:r1' }, null],
    [{ focus: 'spot:' }, null],
    [{ focus: 'checkpoint:no-slash' }, null],
    [{ rally: 'a/b', checkpoint: 'c' }, null],
    [{ town: '35203' }, null],
  ])('%j → %s', (query, key) => {
    expect(parseFocus(query)).toBe(key)
  })
})

describe('parseRouteStop: a model route stop to zoom in on', () => {
  const route = { id: 'r1', stops: [{ name: { ja: '一' }, point: { lat: 34.1, lng: 131.4 } }, { name: { ja: '二' }, spotId: 's2', point: { lat: 34.2, lng: 131.5 } }] } as unknown as Route
  it.each([
    [{ route: 'r1', stop: '1' }, 0],
    [{ route: 'r1', stop: '2' }, 1],
    [{ route: ['r1'], stop: ['2'] }, 1],
    [{ route: 'r1', stop: '3' }, null],
    [{ route: 'r1', stop: '0' }, null],
    [{ route: 'r1', stop: '01' }, null],
    [{ route: 'r1', stop: '1.5' }, null],
    [{ route: 'r1' }, null],
    [{ route: 'other', stop: '1' }, null],
  ])('%j → stop index %s', (query, index) => {
    const asked = parseLineQuery(query)
    expect(parseRouteStop(query, asked?.kind === 'route' && asked.id === 'r1' ? routeAsLine(route) : null)?.index ?? null).toBe(index)
  })
  it('hands back the stop itself, numbered as the page numbers it', () => {
    expect(parseRouteStop({ route: 'r1', stop: '2' }, routeAsLine(route))?.stop.name.ja).toBe('二')
  })
})

describe('a day of my trip as a numbered line', () => {
  const trip = {
    id: 'trip-a',
    title: '萩の旅',
    days: [
      { date: '2026-12-05', start: '09:00', mode: 'walk' as const, stops: [] },
      {
        date: '2026-12-06',
        start: '09:00',
        mode: 'walk' as const,
        stops: [
          { key: 'spot:s1', name: { ja: '一' }, point: { lat: 34.4, lng: 131.4 }, stay: 30 },
          { key: 'event:e1', name: { ja: '二（地点なし）' }, stay: 30 },
          { key: 'checkpoint:r/c', name: { ja: '三' }, point: { lat: 34.5, lng: 131.5 }, stay: 30 },
        ],
      },
    ],
  }
  it.each([
    [{ trip: 'trip-a', day: '2' }, { kind: 'trip', id: 'trip-a', day: 2 }],
    [{ trip: 'trip-a' }, { kind: 'trip', id: 'trip-a', day: 1 }],
    [{ trip: 'trip-a', day: '0' }, null],
    [{ trip: 'javascript:x', day: '1' }, null],
    [{ route: 'r1', trip: 'trip-a' }, { kind: 'route', id: 'r1' }],
    [{}, null],
  ])('%j → %j', (query, expected) => expect(parseLineQuery(query)).toEqual(expected))

  it('keeps the day’s numbers for the stops with a point, and their spot', () => {
    const line = tripDayLine(trip, 2)!
    expect(line.stops.map((s) => [s.n, s.name.ja, s.spotId])).toEqual([
      [1, '一', 's1'],
      [3, '三', undefined],
    ])
    expect(line.query).toEqual({ trip: 'trip-a', day: '2' })
    expect(parseRouteStop({ trip: 'trip-a', day: '2', stop: '3' }, line)?.stop.name.ja).toBe('三')
    expect(parseRouteStop({ trip: 'trip-a', day: '2', stop: '2' }, line)).toBeNull()
    expect(tripDayLine(trip, 3)).toBeNull()
  })
})
