import { describe, expect, it } from 'vitest'
import { nextEventDate, todayInTokyo as tokyoDate } from '@/domain/event-dates'
import { formatPercentChange, populationChange, townFacts, upcomingMigrationEvents } from '@/domain/living-town'
import { mailtoHref, safeHref, telHref } from '@/domain/safe-link'
import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { livingSchemes, moverEvents } from '../fixtures/living'

const snapshot = loadCommittedSnapshot()
const yamaguchi = snapshot.municipalities.find((m) => m.code === '35203')!

describe('population change', () => {
  it('山口市 196,627 → 194,110 is −1.3 %', () => {
    expect(populationChange(yamaguchi)).toBeCloseTo((194110 - 196627) / 196627, 10)
    expect(formatPercentChange(populationChange(yamaguchi)!, 'ja')).toBe('-1.3%')
    expect(formatPercentChange(populationChange(yamaguchi)!, 'en')).toBe('-1.3%')
    expect(formatPercentChange(0.004, 'en')).toBe('+0.4%')
  })
  it('is undefined when a census figure is missing', () => {
    expect(populationChange({ population: { census2020: 100 } })).toBeUndefined()
  })
})

describe('dates in Japan', () => {
  it('today is the calendar date in Tokyo whatever the device zone', () => {
    expect(tokyoDate(new Date('2026-11-23T15:30:00Z'))).toBe('2026-11-24')
    expect(tokyoDate(new Date('2026-11-23T14:59:00Z'))).toBe('2026-11-23')
  })

  it.each([
    ['a one-day event today', { dates: [{ start: '2026-11-23' }] }, '2026-11-23'],
    ['a period that has started', { dates: [{ start: '2026-11-20', end: '2026-11-25' }] }, '2026-11-23'],
    ['an event that is over', { dates: [{ start: '2026-11-22' }] }, undefined],
    ['the soonest of several dates', { dates: [{ start: '2027-02-01' }, { start: '2026-12-01' }] }, '2026-12-01'],
    ['an annual date later this year', { dates: [], recurrence: { type: 'annual-date', month: 12, day: 5 } }, '2026-12-05'],
    ['an annual date already past → next year', { dates: [], recurrence: { type: 'annual-date', month: 1, day: 17 } }, '2027-01-17'],
    ['the 2nd Sunday of January', { dates: [], recurrence: { type: 'annual-weekday', month: 1, nth: 2, weekday: 0 } }, '2027-01-10'],
  ] as const)('next date: %s', (_name, event, expected) => {
    expect(nextEventDate(event as never, '2026-11-23')).toBe(expected)
  })

  it('lists upcoming migration events only, soonest first, optionally for one town', () => {
    expect(upcomingMigrationEvents(moverEvents, '2026-11-23').map((x) => x.event.id)).toEqual(['test-ijuu-soudan-hagi', 'test-kenou-ijuu-event'])
    expect(upcomingMigrationEvents([...snapshot.events, ...moverEvents], '2026-11-23', '35203').map((x) => x.date)).toEqual(['2027-01-17'])
  })

  it('lists migration events whose date is only a note after the dated ones, without a date', () => {
    const monthly = { ...moverEvents[0]!, id: 'test-monthly', dates: [], dateNote: { ja: '毎月第2土曜日' } }
    const noDateAtAll = { ...moverEvents[0]!, id: 'test-nothing', dates: [] }
    const listed = upcomingMigrationEvents([monthly, noDateAtAll, ...moverEvents], '2026-11-23')
    expect(listed.map((x) => [x.event.id, x.date])).toEqual([
      ['test-ijuu-soudan-hagi', '2026-12-05'],
      ['test-kenou-ijuu-event', '2027-01-17'],
      ['test-monthly', undefined],
    ])
  })
})

describe('town facts', () => {
  it('collects a town’s schemes, consultation desks, events and spot count', () => {
    const hagi = snapshot.municipalities.find((m) => m.code === '35204')!
    const facts = townFacts(hagi, { schemes: livingSchemes, events: moverEvents, spots: snapshot.spots }, '2026-11-23')
    expect(facts.schemes.map((s) => s.id)).toEqual(['scheme-kosodate-app-35204', 'scheme-ijuu-soudan-35204'])
    expect(facts.regionSchemes.map((s) => s.id)).toEqual(['scheme-otameshi-kurashi', 'scheme-jigyo-shokei', 'scheme-kigyo-homon-bus'])
    expect(facts.contacts.map((s) => s.id)).toEqual(['scheme-ijuu-soudan-35204'])
    expect(facts.events.map((e) => e.event.id)).toEqual(['test-ijuu-soudan-hagi'])
    expect(facts.spotsCount).toBe(snapshot.spots.filter((s) => s.municipality === '35204').length)
  })
})


describe('links from data', () => {
  it.each([
    ['tel', '083-000-0000', 'tel:0830000000'],
    ['tel', '０８３‐９２２‐１１１１', 'tel:0839221111'],
    ['tel', 'javascript:alert(1)', undefined],
    ['mailto', 'ijuu@example.jp', 'mailto:ijuu@example.jp'],
    ['mailto', 'a@b.jp?cc=x@y.jp', undefined],
    ['https', 'https://www.city.hagi.lg.jp/', 'https://www.city.hagi.lg.jp/'],
    ['https', 'http://www.city.hagi.lg.jp/', undefined],
    ['https', 'javascript:alert(1)', undefined],
  ] as const)('%s %s', (kind, value, expected) => {
    const href = kind === 'tel' ? telHref(value) : kind === 'mailto' ? mailtoHref(value) : safeHref(value)
    expect(href).toBe(expected)
  })
})
