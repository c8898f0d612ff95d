/** My trip's arithmetic (issue 20): the timeline, the checks for a date, and the suggested order. */
import { describe, expect, it } from 'vitest'
import type { OpeningHours } from '@/domain/snapshot-schema'
import { checkpointsOn, checkStop, distanceToSegmentM, pathLength, placedEventsOn, suggestedStops, suggestOrder, timeline, toHhmm, toMinutes, travelMinutes, TRAVEL } from '@/domain/trip'

describe('the day’s timeline', () => {
  it.each([
    ['1 km on foot at 4 km/h ×1.3', 1000, 'walk', 20],
    ['1 km by car at 30 km/h ×1.4', 1000, 'car', 3],
    ['10 km by car', 10_000, 'car', 28],
    ['0 m', 0, 'walk', 0],
  ] as const)('%s takes %i min (rounded up)', (_what, metres, mode, min) => {
    expect(travelMinutes(metres, mode)).toBe(min)
  })

  it('arrives after the travel and leaves after the stay, stop after stop', () => {
    const a = { lat: 34.0, lng: 131.0 }
    const b = { lat: 34.009, lng: 131.0 } // ≈ 1 km north
    const rows = timeline([{ key: 'spot:a', point: a, stay: 60 }, { key: 'spot:b', point: b, stay: 30 }, { key: 'place:x', stay: 15 }], toMinutes('09:30'), 'walk')
    expect(rows.map((r) => [toHhmm(r.arrive), toHhmm(r.leave), r.legMin])).toEqual([
      ['09:30', '10:30', null],
      ['10:50', '11:20', 20],
      ['11:20', '11:35', null],
    ])
    expect(rows[1]!.legM).toBeGreaterThan(990)
    expect(TRAVEL.walk).toEqual({ kmh: 4, detour: 1.3 })
  })
})

describe('checks for the chosen date (Japan calendar, whatever the device zone)', () => {
  // 9:00–17:00, closed Mondays; a national holiday on Monday opens and closes the next day instead.
  const hours: OpeningHours = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [{ type: 'weekday', day: 1, ifHoliday: 'next-day' }, { type: 'uncertain', from: '12-29', to: '01-03' }] }
  const at = (hhmm: string, stay = 60) => ({ arrive: toMinutes(hhmm), leave: toMinutes(hhmm) + stay })
  const spot = { kind: 'spot', spot: { openingHours: hours } }
  const none = { events: [] }

  it.each([
    ['a Wednesday at 10:00: nothing to say', '2026-12-02', '10:00', 60, []],
    ['a Monday: closed all day', '2026-12-07', '10:00', 60, [{ kind: 'closed-all-day' }]],
    ['Monday 2026-11-23 is a holiday: open; Tuesday after it: closed', '2026-11-24', '10:00', 60, [{ kind: 'closed-all-day' }]],
    ['arriving before opening', '2026-12-02', '08:00', 60, [{ kind: 'closed-on-arrival', opensAt: '09:00' }]],
    ['staying past closing', '2026-12-02', '16:30', 60, [{ kind: 'closes-before-leaving', closes: '17:00' }]],
    ['年末年始 named without dates: not known', '2026-12-30', '10:00', 60, [{ kind: 'hours-unknown' }]],
  ] as const)('%s', (_what, date, time, stay, expected) => {
    expect(checkStop(spot, date, at(time, stay), none)).toEqual(expected)
  })

  it('a stop reached after midnight says so instead of using the date’s hours', () => {
    expect(checkStop(spot, '2026-12-02', { arrive: 24 * 60 + 30, leave: 24 * 60 + 90 }, none)).toEqual([{ kind: 'past-midnight' }])
  })

  it('the holiday itself is open', () => {
    expect(checkStop(spot, '2026-11-23', at('10:00'), none)).toEqual([])
  })

  it('a place without structured hours says "hours not known", never open', () => {
    expect(checkStop({ kind: 'spot', spot: {} }, '2026-12-02', at('10:00'), none)).toEqual([{ kind: 'hours-unknown' }])
  })

  it('an event stop on a day it does not take place, and an event that day near a place', () => {
    const event = { id: 'e1', point: { lat: 34.001, lng: 131.0 }, dates: [{ start: '2026-12-05' }] }
    expect(checkStop({ kind: 'event', event }, '2026-12-06', at('10:00'), none)).toEqual([{ kind: 'event-not-that-day' }])
    expect(checkStop({ kind: 'event', event }, '2026-12-05', at('10:00'), none)).toEqual([])
    const near = checkStop({ kind: 'spot', spot: { openingHours: hours }, point: { lat: 34.0, lng: 131.0 } }, '2026-12-05', at('10:00'), { events: [event] })
    expect(near).toEqual([{ kind: 'event-nearby', eventId: 'e1', distanceM: 111 }])
    expect(checkStop({ kind: 'spot', spot: { openingHours: hours }, point: { lat: 34.0, lng: 131.0 } }, '2026-12-06', at('10:00'), { events: [event] })).toEqual([])
  })
})

describe('a rally checkpoint on the way', () => {
  const a = { lat: 34.4, lng: 131.4 }
  const b = { lat: 34.4, lng: 131.42 } // about 1.84 km east of a
  const beside = { lat: 34.4027, lng: 131.41 } // about 300 m north of the middle of a–b
  const far = { lat: 34.42, lng: 131.41 } // about 2.2 km north
  it.each([
    ['beside the middle of the leg', beside, 300, 20],
    ['at the start', a, 0, 1],
    ['past the end: to the end point', { lat: 34.4, lng: 131.43 }, 920, 20],
  ])('distance to a leg: %s', (_what, p, metres, tolerance) => expect(Math.abs(distanceToSegmentM(p, a, b) - metres)).toBeLessThanOrEqual(tolerance))

  const rally = (id: string, start: string, end?: string) => ({ id, period: end ? { start, end } : { start }, checkpoints: [{ id: `${id}-cp`, point: beside }] })
  it('only rallies running that day count', () => {
    expect(checkpointsOn([rally('on', '2026-12-01', '2026-12-31'), rally('later', '2027-01-01'), rally('open', '2026-11-01'), rally('over', '2026-10-01', '2026-11-30')], '2026-12-05').map((c) => c.rallyId)).toEqual(['on', 'open'])
  })
  it('a checkpoint within 500 m of the leg into a stop is named; one far away, or the stop itself, is not', () => {
    const row = { arrive: toMinutes('10:00'), leave: toMinutes('10:30') }
    const checkpoints = [{ rallyId: 'r', checkpointId: 'near', point: beside }, { rallyId: 'r', checkpointId: 'far', point: far }, { rallyId: 'r', checkpointId: 'self', point: b }]
    const found = checkStop({ kind: 'checkpoint', point: b }, '2026-12-05', row, { events: [], checkpoints, from: a, key: 'checkpoint:r/self' })
    expect(found.map((c) => c.kind === 'checkpoint-on-the-way' && c.checkpointId)).toEqual(['near'])
  })
  it('a checkpoint at a stop is said at that stop, once: not again on the next leg', () => {
    const row = { arrive: toMinutes('10:00'), leave: toMinutes('10:30') }
    const checkpoints = [{ rallyId: 'r', checkpointId: 'at-a', point: { lat: 34.4003, lng: 131.4 } }]
    expect(checkStop({ kind: 'spot', point: a }, '2026-12-05', row, { events: [], checkpoints })).toEqual([{ kind: 'hours-unknown' }, { kind: 'checkpoint-here', rallyId: 'r', checkpointId: 'at-a' }])
    expect(checkStop({ kind: 'checkpoint', point: b }, '2026-12-05', row, { events: [], checkpoints, from: a })).toEqual([])
  })
})

describe('the events of the day, worked out once', () => {
  it('keeps the events with a place on that date only', () => {
    const events = [
      { id: 'on', point: { lat: 34, lng: 131 }, dates: [{ start: '2026-12-05', end: '2026-12-06' }] },
      { id: 'no-place', dates: [{ start: '2026-12-05' }] },
      { id: 'other-day', point: { lat: 34, lng: 131 }, dates: [{ start: '2026-12-07' }] },
    ]
    expect(placedEventsOn(events, '2026-12-06').map((e) => e.id)).toEqual(['on'])
  })
})

describe('suggest an order', () => {
  const line = (xs: number[]) => xs.map((x) => ({ lat: 34, lng: 131 + x / 100 }))
  it.each([
    ['a zig-zag along a road', line([0, 3, 1, 4, 2]), [0, 2, 4, 1, 3]],
    ['already in order', line([0, 1, 2, 3]), [0, 1, 2, 3]],
    ['two stops', line([0, 5]), [0, 1]],
  ])('%s', (_what, points, expected) => {
    expect(suggestOrder(points)).toEqual(expected)
  })

  it('never longer than the given order, and the first stop stays first (fixed cases)', () => {
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let c = 0; c < 30; c++) {
      const points = Array.from({ length: 3 + (c % 10) }, () => ({ lat: 33.9 + rnd() * 0.8, lng: 130.9 + rnd() * 1.1 }))
      const order = suggestOrder(points)
      expect(order[0]).toBe(0)
      expect([...order].sort((a, b) => a - b)).toEqual(points.map((_, i) => i))
      expect(pathLength(points, order)).toBeLessThanOrEqual(pathLength(points, points.map((_, i) => i)) + 1e-6)
    }
  })

  it('the first place may move when the person does not keep it first', () => {
    // Starting at the middle of a line is longer than starting at an end.
    const points = line([2, 0, 4])
    expect(suggestOrder(points)).toEqual([0, 1, 2])
    expect(pathLength(points, suggestOrder(points, { keepFirst: false }))).toBeLessThan(pathLength(points, [0, 1, 2]))
  })

  it('stops without a point keep their place at the end', () => {
    const [a, b, c] = line([0, 3, 1])
    const stops = [{ key: 'a', point: a }, { key: 'x' }, { key: 'b', point: b }, { key: 'c', point: c }]
    expect(suggestedStops(stops).map((s) => s.key)).toEqual(['a', 'c', 'b', 'x'])
  })
})
