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
