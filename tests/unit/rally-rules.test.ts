import { describe, expect, it } from 'vitest'
import { distanceM } from '@/domain/geo'
import { completionCode } from '@/domain/rally-codes'
import { acceptsCodes, checkpointMethods, completedAt, completingStamps, evaluateCheckIn, periodStatus, rallyProgress, travelSpeedKmh } from '@/domain/rally-rules'
import { POINTS, testRally, tokyoNoon } from '../fixtures/rally'

const rally = testRally([])
const cp = rally.checkpoints[0]! // radius 50 m at POINTS.a
const now = tokyoNoon('2026-11-23')

/** A point `metres` north of the checkpoint. */
function north(metres: number) {
  return { lat: cp.point.lat + metres / 111_195, lng: cp.point.lng }
}
const fix = (metres: number, accuracy: number, ageMs = 1_000) => ({ ...north(metres), accuracy, timestamp: now - ageMs })

describe('check-in rule: (distance − accuracy) ≤ radius, accuracy ≤ 100 m, fresh fix, possible speed', () => {
  it.each([
    ['standing on the checkpoint', 0, 10, true],
    ['just inside: 59 m away, ±10 m, radius 50', 59, 10, true],
    ['just outside: 62 m away, ±10 m', 62, 10, false],
    ['far away: 1.2 km, ±15 m', 1200, 15, false],
    ['inside the radius without any accuracy slack', 49, 0, true],
  ])('%s', (_label, metres, accuracy, accepted) => {
    const result = evaluateCheckIn({ rally, checkpoint: cp, fix: fix(metres, accuracy), now })
    expect(result.ok).toBe(accepted)
  })

  it('outside says how far there is still to go, after the radius and accuracy', () => {
    const result = evaluateCheckIn({ rally, checkpoint: cp, fix: fix(180, 10), now })
    expect(result).toMatchObject({ ok: false, reason: 'too-far', accuracyM: 10 })
    if (!result.ok && result.reason === 'too-far') expect(result.remainingM).toBe(Math.ceil(distanceM(north(180), cp.point) - 10 - 50))
  })

  it('bad accuracy is refused even when the circle would reach the checkpoint', () => {
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(30, 150), now })).toMatchObject({ ok: false, reason: 'inaccurate', accuracyM: 150, limitM: 100 })
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(30, 100), now }).ok).toBe(true)
  })

  it('a stale fix (older than 60 s) is refused', () => {
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(0, 10, 61_000), now })).toMatchObject({ ok: false, reason: 'stale' })
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(0, 10, 59_000), now }).ok).toBe(true)
  })

  it('an impossible speed since the previous check-in is refused; a plausible one is accepted', () => {
    const far = { lat: 34.6, lng: 131.5 } // about 47 km north
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(0, 10), now, previous: { point: far, at: now - 5 * 60_000 } })).toMatchObject({ ok: false, reason: 'too-fast' })
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(0, 10), now, previous: { point: far, at: now - 60 * 60_000 } }).ok).toBe(true)
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: fix(0, 10), now, previous: { point: POINTS.b, at: now - 5_000 } })).toMatchObject({ ok: false, reason: 'too-fast' })
    expect(travelSpeedKmh(POINTS.a, 0, POINTS.a, 1)).toBe(0)
  })

  it('check-ins only while the rally runs', () => {
    expect(evaluateCheckIn({ rally, checkpoint: cp, fix: { ...fix(0, 10), timestamp: tokyoNoon('2026-12-01') }, now: tokyoNoon('2026-12-01') })).toMatchObject({ ok: false, reason: 'not-running', status: 'ended' })
  })
})

describe('rally period in Japan time (machine zone is America/Los_Angeles)', () => {
  const period = { start: '2026-11-01', end: '2026-11-30' }
  it.each([
    ['2026-10-31T23:59:59+09:00', 'not-started'],
    ['2026-11-01T00:00:00+09:00', 'running'],
    ['2026-11-30T23:59:59+09:00', 'running'],
    ['2026-12-01T00:00:00+09:00', 'ended'],
  ])('%s → %s', (at, status) => {
    expect(periodStatus(period, Date.parse(at))).toBe(status)
  })
  it('an open-ended rally never ends', () => {
    expect(periodStatus({ start: '2026-01-01' }, Date.parse('2030-01-01T00:00:00Z'))).toBe('running')
  })
})

describe('progress and reward', () => {
  const stamps = [
    { rallyId: 'test-rally', checkpointId: 'cp-a', at: '2026-11-02T01:00:00.000Z' },
    { rallyId: 'test-rally', checkpointId: 'cp-c', at: '2026-11-03T01:00:00.000Z' },
    { rallyId: 'other', checkpointId: 'cp-b', at: '2026-11-03T01:00:00.000Z' },
    { rallyId: 'test-rally', checkpointId: 'gone', at: '2026-11-03T01:00:00.000Z' },
  ]
  it('all: 2 of 3 is not complete', () => {
    expect(rallyProgress(rally, stamps)).toEqual({ collected: 2, total: 3, needed: 3, complete: false })
    expect(completedAt(rally, stamps)).toBeNull()
  })
  it('any 2: complete at the second stamp', () => {
    const any2 = testRally([], { reward: { ...rally.reward, rule: { type: 'any', count: 2 } } })
    expect(rallyProgress(any2, stamps)).toEqual({ collected: 2, total: 3, needed: 2, complete: true })
    expect(completedAt(any2, stamps)).toBe('2026-11-03T01:00:00.000Z')
  })
  it('any 2: a stamp collected after completion changes neither the completion time nor the completion code', async () => {
    const any2 = testRally([], { reward: { ...rally.reward, rule: { type: 'any', count: 2 }, handover: 'code' } })
    const later = [...stamps, { rallyId: 'test-rally', checkpointId: 'cp-b', at: '2026-11-04T01:00:00.000Z' }]
    expect(completingStamps(any2, later).map((s) => s.checkpointId)).toEqual(['cp-a', 'cp-c'])
    expect(completedAt(any2, later)).toBe('2026-11-03T01:00:00.000Z')
    const before = await completionCode(any2.id, completingStamps(any2, stamps))
    expect(await completionCode(any2.id, completingStamps(any2, later))).toBe(before)
    // A different person (other stamp times) gets another code.
    expect(await completionCode(any2.id, completingStamps(any2, later.map((s) => ({ ...s, at: s.at.replace('T01', 'T02') }))))).not.toBe(before)
  })
  it('not complete: no completing stamps', () => {
    expect(completingStamps(rally, stamps)).toEqual([])
  })
})

describe('how a visitor can check in', () => {
  const cp = (methods?: Array<'gps' | 'qr'>) => ({ id: 'c', methods }) as never
  it('a checkpoint takes both ways unless its rally says otherwise', () => {
    expect(checkpointMethods(cp())).toEqual(['gps', 'qr'])
    expect(checkpointMethods(cp(['qr']))).toEqual(['qr'])
  })
  it.each([
    ['no signing key: no code entry', { keys: [], checkpoints: [cp()] }, false],
    ['a key, but every checkpoint is GPS only', { keys: [{ kid: 'k', x: 'x', y: 'y' }], checkpoints: [cp(['gps']), cp(['gps'])] }, false],
    ['a key and one checkpoint taking codes', { keys: [{ kid: 'k', x: 'x', y: 'y' }], checkpoints: [cp(['gps']), cp(['qr'])] }, true],
    ['a key, methods not published (both)', { keys: [{ kid: 'k', x: 'x', y: 'y' }], checkpoints: [cp()] }, true],
  ])('%s', (_what, rally, expected) => {
    expect(acceptsCodes(rally as never)).toBe(expected)
  })
})
