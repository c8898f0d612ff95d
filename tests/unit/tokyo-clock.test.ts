/**
 * Japan's date and time from an instant, in every engine. The cause of the WebKit
 * Home bug (2019 events under "this week"): the date came from
 * `Intl.DateTimeFormat('en-CA').format()`, whose shape WebKit renders as `12/2/2026`.
 * These tests give the formatter each engine's shape and require the same answer; the clock itself is
 * arithmetic (UTC+9), checked here against the time-zone database over decades.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

const RealDTF = Intl.DateTimeFormat

/** An Intl.DateTimeFormat whose format() returns what WebKit returns for en-CA / sv-SE / en-GB dates. */
function installWebKitShapes() {
  const Fake = function (this: unknown, locale?: string | string[], options?: Intl.DateTimeFormatOptions) {
    const real = new RealDTF(locale, options)
    return {
      format: (d: Date) => {
        const p = Object.fromEntries(real.formatToParts(d).map((x) => [x.type, x.value]))
        return p.hour !== undefined && p.year === undefined ? `${p.hour}:${p.minute}` : `${Number(p.month)}/${Number(p.day)}/${p.year}`
      },
      formatToParts: (d: Date) => real.formatToParts(d),
      resolvedOptions: () => real.resolvedOptions(),
    }
  } as unknown as typeof Intl.DateTimeFormat
  vi.stubGlobal('Intl', { ...Intl, DateTimeFormat: Fake })
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
})

const cases: Array<[string, string, string]> = [
  // instant (UTC)              Japan date    Japan time
  ['2026-12-01T15:00:00.000Z', '2026-12-02', '00:00'],
  ['2026-12-02T14:59:59.000Z', '2026-12-02', '23:59'],
  ['2026-12-31T15:30:00.000Z', '2027-01-01', '00:30'],
  ['2028-02-28T16:00:00.000Z', '2028-02-29', '01:00'],
  ['2026-06-30T23:05:00.000Z', '2026-07-01', '08:05'],
]

describe('tokyoClock', () => {
  it.each(cases)('%s is %s %s in Japan', async (instant, date, time) => {
    const { tokyoClock } = await import('../../src/domain/tokyo-clock')
    expect(tokyoClock(new Date(instant))).toMatchObject({ date, time })
  })

  it.each(cases)('gives the same answer when format() has WebKit\'s shape (%s)', async (instant, date, time) => {
    installWebKitShapes()
    const { tokyoClock } = await import('../../src/domain/tokyo-clock')
    const { todayInTokyo } = await import('../../src/domain/event-dates')
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(instant))).not.toBe(date)
    expect(tokyoClock(new Date(instant))).toMatchObject({ date, time })
    expect(todayInTokyo(new Date(instant))).toBe(date)
  })

  it('this week\'s events and "open now" do not depend on the formatter\'s shape', async () => {
    installWebKitShapes()
    const { occurrencesIn, todayInTokyo, weekRange } = await import('../../src/domain/event-dates')
    const today = todayInTokyo(new Date('2026-12-02T03:00:00Z'))
    const events = [
      { id: 'old', dates: [{ start: '2019-11-30' }] },
      { id: 'sat', dates: [{ start: '2026-12-06' }] },
    ]
    const listed = events.filter((e) => occurrencesIn(e as never, weekRange(today), today).length > 0).map((e) => e.id)
    expect(listed).toEqual(['sat'])
  })

  it('agrees with the time-zone database for Asia/Tokyo, 1960–2060, at every hour of the day', async () => {
    const { tokyoClock } = await import('../../src/domain/tokyo-clock')
    const tz = new RealDTF('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    const from = Date.UTC(1960, 0, 1)
    const to = Date.UTC(2060, 0, 1)
    // A step that is not a whole number of hours or days, so the samples walk through every hour and minute.
    const step = 7 * 3_600_000 + 37 * 60_000
    let checked = 0
    for (let t = from; t < to; t += step) {
      const p = Object.fromEntries(tz.formatToParts(new Date(t)).map((x) => [x.type, x.value]))
      const clock = tokyoClock(new Date(t))
      expect(`${clock.date} ${clock.time}`).toBe(`${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`)
      checked++
    }
    expect(checked).toBeGreaterThan(100_000)
  })

  it('refuses an invalid date instead of returning a wrong day', async () => {
    const { tokyoClock } = await import('../../src/domain/tokyo-clock')
    expect(() => tokyoClock(new Date('nope'))).toThrow(RangeError)
    // The last instant JavaScript can hold: Japan's clock is already past it.
    expect(() => tokyoClock(new Date(8.64e15))).toThrow(RangeError)
  })
})
