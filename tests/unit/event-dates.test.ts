import { describe, expect, it } from 'vitest'
import { eventTiming, monthGrid, nthWeekday, occurrences, quickRange, shiftMonth, todayInTokyo, weekdayOf } from '@/domain/event-dates'
import { occurrenceToIcs } from '@/domain/event-ics'

describe('today is the date in Japan, whatever the machine zone', () => {
  it('runs in a zone behind Japan (vitest sets TZ=America/Los_Angeles)', () => {
    expect(new Date('2026-11-23T12:00:00Z').getTimezoneOffset()).toBeGreaterThan(0)
  })
  it.each([
    ['2026-11-22T15:00:00Z', '2026-11-23'], // 00:00 in Tokyo, still the 22nd in Los Angeles
    ['2026-11-22T14:59:59Z', '2026-11-22'],
    ['2026-11-23T14:59:59Z', '2026-11-23'],
    ['2026-12-31T15:30:00Z', '2027-01-01'],
  ])('%s → %s', (instant, date) => {
    expect(todayInTokyo(new Date(instant))).toBe(date)
  })
})

describe('quick ranges', () => {
  // 2026-11-23 is a Monday.
  it('knows the weekdays', () => {
    expect(weekdayOf('2026-11-23')).toBe(1)
    expect(weekdayOf('2026-11-28')).toBe(6)
  })
  it.each([
    ['today', '2026-11-23', { start: '2026-11-23', end: '2026-11-23' }],
    ['weekend', '2026-11-23', { start: '2026-11-28', end: '2026-11-29' }],
    ['weekend', '2026-11-27', { start: '2026-11-28', end: '2026-11-29' }],
    ['weekend', '2026-11-28', { start: '2026-11-28', end: '2026-11-29' }],
    ['weekend', '2026-11-29', { start: '2026-11-29', end: '2026-11-29' }],
    ['weekend', '2026-12-31', { start: '2027-01-02', end: '2027-01-03' }],
    ['month', '2026-11-23', { start: '2026-11-23', end: '2026-11-30' }],
    ['month', '2028-02-10', { start: '2028-02-10', end: '2028-02-29' }],
  ] as const)('%s on %s', (range, today, expected) => {
    expect(quickRange(range, today)).toEqual(expected)
  })
})

describe('event timing', () => {
  const today = '2026-11-23'
  it.each([
    [[{ start: '2025-06-08' }], 'ended', '2025-06-08'],
    [[{ start: '2026-11-23' }], 'ongoing', '2026-11-23'],
    [[{ start: '2026-11-20', end: '2026-11-25' }], 'ongoing', '2026-11-20'],
    [[{ start: '2026-11-22' }], 'ended', '2026-11-22'],
    [[{ start: '2026-11-24' }], 'upcoming', '2026-11-24'],
    [[{ start: '2026-10-01' }, { start: '2026-12-05' }, { start: '2027-01-05' }], 'upcoming', '2026-12-05'],
    [[], 'undated', null],
  ])('%j is %s', (dates, status, start) => {
    const timing = eventTiming({ dates }, today)
    expect(timing.status).toBe(status)
    expect(timing.occurrence?.start ?? null).toBe(start)
  })

  it('an ended event is never upcoming: its most recent date is kept', () => {
    const timing = eventTiming({ dates: [{ start: '2024-08-01' }, { start: '2025-08-01' }] }, today)
    expect(timing).toMatchObject({ status: 'ended', occurrence: { start: '2025-08-01' } })
  })
})

describe('annual rules', () => {
  it.each([
    // 11月第4土曜日
    [2026, 11, 4, 6, '2026-11-28'],
    [2025, 11, 4, 6, '2025-11-22'],
    [2026, 2, 1, 0, '2026-02-01'],
    [2026, 5, -1, 1, '2026-05-25'],
    [2026, 2, 5, 0, null],
  ])('%i-%i nth %i weekday %i → %s', (y, m, nth, wd, expected) => {
    expect(nthWeekday(y, m, nth, wd)).toBe(expected)
  })

  it('a rule gives this year’s date while it is still ahead', () => {
    const t = eventTiming({ dates: [], recurrence: { type: 'annual-weekday', month: 11, nth: 4, weekday: 6 } }, '2026-11-23')
    expect(t).toMatchObject({ status: 'upcoming', occurrence: { start: '2026-11-28', end: '2026-11-28', fromRule: true } })
  })

  it('after this year’s date has passed, the next one is next year', () => {
    const t = eventTiming({ dates: [{ start: '2025-08-06' }], recurrence: { type: 'annual-date', month: 8, day: 6, days: 2 } }, '2026-11-23')
    expect(t).toMatchObject({ status: 'upcoming', occurrence: { start: '2027-08-06', end: '2027-08-07' } })
  })

  it('a published date for a year wins over the rule for that year', () => {
    const list = occurrences({ dates: [{ start: '2026-11-29' }], recurrence: { type: 'annual-weekday', month: 11, nth: 4, weekday: 6 } }, '2026-11-23')
    expect(list.map((o) => o.start)).toEqual(['2025-11-22', '2026-11-29', '2027-11-27'])
  })

  it('29 February is skipped in years without it', () => {
    const t = eventTiming({ dates: [], recurrence: { type: 'annual-date', month: 2, day: 29 } }, '2026-11-23')
    expect(t).toMatchObject({ status: 'upcoming', occurrence: { start: '2028-02-29' } })
  })
})

describe('month calendar grid', () => {
  it('lays November 2026 out in Sunday-first weeks', () => {
    const weeks = monthGrid(2026, 11, '2026-11-23')
    expect(weeks).toHaveLength(5)
    expect(weeks[0]![0]).toMatchObject({ date: '2026-11-01', inMonth: true })
    expect(weeks[4]![6]).toMatchObject({ date: '2026-12-05', inMonth: false })
    expect(weeks.flat().filter((c) => c.isToday).map((c) => c.date)).toEqual(['2026-11-23'])
  })
  it('starts on the Sunday before the 1st', () => {
    expect(monthGrid(2027, 1, '2026-11-23')[0]![0]!.date).toBe('2026-12-27')
  })
  it('shifts months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
  })
})

describe('.ics files', () => {
  it('writes a timed event in UTC, converted from Japan time', () => {
    const ics = occurrenceToIcs({ id: 'ube-1', title: '「デコ活」キャンペーン', location: 'フジグラン宇部', url: 'https://example.jp/e' }, { start: '2025-06-08', end: '2025-06-08', startTime: '10:00', endTime: '15:00' })
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain('DTSTART:20250608T010000Z')
    expect(ics).toContain('DTEND:20250608T060000Z')
    expect(ics).toContain('SUMMARY:「デコ活」キャンペーン')
    expect(ics).toContain('LOCATION:フジグラン宇部')
    expect(ics).toContain('UID:ube-1-2025-06-08@yume-kairo-guide')
    expect(ics.trimEnd()).toMatch(/END:VCALENDAR$/)
  })

  it('an early-morning Japan time falls on the previous UTC day', () => {
    expect(occurrenceToIcs({ id: 'e', title: 't' }, { start: '2026-01-01', end: '2026-01-01', startTime: '06:30' })).toContain('DTSTART:20251231T213000Z')
  })

  it('writes an event without a time as all-day dates, end exclusive', () => {
    const ics = occurrenceToIcs({ id: 'e', title: 'Festival' }, { start: '2026-11-28', end: '2026-11-29' })
    expect(ics).toContain('DTSTART;VALUE=DATE:20261128')
    expect(ics).toContain('DTEND;VALUE=DATE:20261130')
  })

  it('leaves out a non-https link', () => {
    expect(occurrenceToIcs({ id: 'e', title: 't', url: 'http://example.jp/' }, { start: '2026-11-28', end: '2026-11-28' })).not.toContain('URL:')
  })
})
