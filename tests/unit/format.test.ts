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
