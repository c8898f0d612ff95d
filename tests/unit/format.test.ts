import { describe, expect, it } from 'vitest'
import { formatDate, formatDistance, formatMonth } from '@/domain/format'

describe('formatting in Asia/Tokyo whatever the machine zone', () => {
  it('a calendar date stays the same day (machine runs in Los Angeles)', () => {
    expect(formatDate('2025-06-08', 'ja', 'short')).toBe('2025/6/8')
    expect(formatDate('2025-06-08', 'en', 'short')).toBe('08/06/2025')
  })
  it('a timestamp just after midnight in Japan is that Japanese day', () => {
    expect(formatDate('2025-06-07T15:30:00Z', 'ja', 'short')).toBe('2025/6/8')
  })
  it.each([
    [120, 'ja', '120 m'],
    [1234, 'en', '1.2 km'],
    [15_400, 'ja', '15 km'],
  ])('%d m in %s is %s', (m, locale, expected) => {
    expect(formatDistance(m, locale)).toBe(expected)
  })

  it('names a month in either language', () => {
    expect(formatMonth(12, 'ja')).toBe('12月')
    expect(formatMonth(1, 'en')).toBe('January')
  })
})

describe('sizes', () => {
  it('in KB from 0.1 up, then MB and GB, in either language', async () => {
    const { formatBytes } = await import('@/domain/format')
    expect(formatBytes(12, 'en')).toBe('0.1 kB')
    expect(formatBytes(745, 'en')).toBe('0.7 kB')
    expect(formatBytes(5_900_000, 'en')).toBe('5.9 MB')
    expect(formatBytes(11_000_000_000, 'ja')).toMatch(/^11\s?GB$/)
  })
})

describe('kept formatters answer per language and options', () => {
  it('names a calendar month with its year in either language', async () => {
    const { formatYearMonth } = await import('@/domain/format')
    expect(formatYearMonth('2026-12', 'ja')).toBe('2026年12月')
    expect(formatYearMonth('2027-01', 'en')).toBe('January 2027')
  })

  it('a kept formatter never answers for another language or other options', async () => {
    const { formatDistance, formatNumber, numberFormat } = await import('@/domain/format')
    expect(formatDistance(1234, 'ja')).toBe('1.2 km')
    expect(formatNumber(12345, 'en')).toBe('12,345')
    expect(numberFormat('en', { style: 'percent' }).format(0.25)).toBe('25%')
    expect(numberFormat('en').format(0.25)).toBe('0.25')
    expect(formatDistance(15_400, 'en')).toBe('15 km')
  })
})

describe('dates, months, counts and distances without Intl, as Intl writes them', () => {
  const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'ja-JP')
  const intl = new Map<string, Intl.DateTimeFormat>()
  const intlDate = (iso: string, locale: string, style: 'long' | 'short') => {
    const key = `${locale}|${style}`
    if (!intl.has(key)) intl.set(key, new Intl.DateTimeFormat(tag(locale), { timeZone: 'Asia/Tokyo', year: 'numeric', month: style === 'long' ? 'long' : 'numeric', day: 'numeric', weekday: style === 'long' ? 'short' : undefined }))
    return intl.get(key)!.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00+09:00` : iso))
  }

  it('writes every day from 1999 to 2030 and timestamps around midnight in Japan as Intl does, in both languages', async () => {
    const { formatDate } = await import('@/domain/format')
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10)
      for (const locale of ['ja', 'en']) for (const style of ['long', 'short'] as const) expect(formatDate(day, locale, style)).toBe(intlDate(day, locale, style))
    }
    for (const stamp of ['0025-06-08', '1900-03-01', '2400-02-29', '2025-06-07T14:59:59Z', '2025-06-07T15:00:00Z', '2026-12-31T15:30:00Z', '2024-02-28T23:00:00-05:00', '2026-12-05T09:00:00+09:00'])
      for (const locale of ['ja', 'en']) for (const style of ['long', 'short'] as const) expect(formatDate(stamp, locale, style)).toBe(intlDate(stamp, locale, style))
  })

  it('names months, calendar months and weekdays as Intl does', async () => {
    const { formatMonth, formatYearMonth, weekdayNames } = await import('@/domain/format')
    for (const locale of ['ja', 'en']) {
      for (let m = 1; m <= 12; m++) {
        expect(formatMonth(m, locale)).toBe(new Intl.DateTimeFormat(tag(locale), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 15))))
        const ym = `2027-${String(m).padStart(2, '0')}`
        expect(formatYearMonth(ym, locale)).toBe(new Intl.DateTimeFormat(tag(locale), { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(new Date(`${ym}-01T00:00:00Z`)))
      }
      // 2026-11-01 is a Sunday.
      expect(weekdayNames(locale)).toEqual(Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(tag(locale), { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(2026, 10, 1 + i)))))
    }
  })

  it('writes counts and distances as Intl does, ties and the turn to kilometres included', async () => {
    const { formatDistance, formatNumber } = await import('@/domain/format')
    const counts = [0, 7, 12, 999, 1000, 12_345, 1_234_567, -1234, 0.5, 1.15, 2.0005, 1234.5678, 1e9, 1e14 + 0.5, 1e18, Infinity, -Infinity]
    const metres = [Infinity, 0, 4, 5, 14, 15, 120, 994, 995, 999, 1000, 1049, 1050, 1149, 1150, 1250, 9949, 9950, 9999, 10_000, 10_499, 10_500, 15_400, 123_456, 1_234_567]
    for (const locale of ['ja', 'en']) {
      for (const n of counts) expect(formatNumber(n, locale)).toBe(new Intl.NumberFormat(tag(locale)).format(n))
      for (const m of metres) {
        const unit = m < 1000 ? { unit: 'meter', value: Math.round(m / 10) * 10 || Math.round(m), digits: 0 } : { unit: 'kilometer', value: m / 1000, digits: m < 10_000 ? 1 : 0 }
        expect(formatDistance(m, locale), `${m} m`).toBe(new Intl.NumberFormat(tag(locale), { style: 'unit', unit: unit.unit, maximumFractionDigits: unit.digits }).format(unit.value))
      }
    }
  })

  it('makes no Intl object for them: the first one of a page loads ICU, a long task on a slow phone', async () => {
    const { formatDate, formatDistance, formatMonth, formatNumber, formatYearMonth } = await import('@/domain/format')
    const kinds = ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'ListFormat'] as const
    const real = kinds.map((kind) => Intl[kind])
    let made = 0
    kinds.forEach((kind, i) => Object.assign(Intl, { [kind]: new Proxy(real[i]!, { construct: (target, args: unknown[]) => (made++, Reflect.construct(target, args)) }) }))
    try {
      for (const locale of ['ja', 'en']) {
        formatDate('2026-12-05', locale)
        formatDate('2026-12-05T10:00:00Z', locale, 'short')
        formatMonth(12, locale)
        formatYearMonth('2026-12', locale)
        formatNumber(12_345, locale)
        formatDistance(1234, locale)
        formatDistance(120, locale)
      }
      expect(made).toBe(0)
    } finally {
      kinds.forEach((kind, i) => Object.assign(Intl, { [kind]: real[i] }))
    }
  })

  it('shows an invalid date as it was written', async () => {
    const { formatDate, formatYearMonth } = await import('@/domain/format')
    expect(formatDate('not a date', 'ja')).toBe('not a date')
    expect(formatDate('2025-02-30', 'en')).toBe('2025-02-30')
    expect(formatYearMonth('2026-13', 'ja')).toBe('2026-13')
  })
})
