import { useI18n } from '@/modules/translate'
import { formatDate, formatDistance, formatMegabytes, formatMonth, formatNumber, formatYearMonth, weekdayNames } from '@/domain/format'

/** Formatting in the UI language, always in the Asia/Tokyo time zone (domain/format). */
export function useFormat() {
  const { locale } = useI18n()
  return {
    date: (iso: string, style: 'long' | 'short' = 'long') => formatDate(iso, locale.value, style),
    month: (m: number) => formatMonth(m, locale.value),
    yearMonth: (yearMonth: string) => formatYearMonth(yearMonth, locale.value),
    weekdays: () => weekdayNames(locale.value),
    megabytes: (bytes: number) => formatMegabytes(bytes, locale.value),
    number: (n: number) => formatNumber(n, locale.value),
    distance: (metres: number) => formatDistance(metres, locale.value),
  }
}
