import { useI18n } from '@/modules/translate'
import type { Occurrence } from '@/domain/event-dates'
import { useFormat } from './useFormat'

/** "2026年11月28日(土) 10:00〜15:00" / a range of days, in the UI language (dates in Japan). */
export function useEventDate() {
  const format = useFormat()
  const { locale } = useI18n()
  return (occ: Occurrence | null, style: 'long' | 'short' = 'long'): string => {
    if (!occ) return ''
    const sep = locale.value === 'en' ? ' – ' : '〜'
    let text = format.date(occ.start, style)
    if (occ.startTime) text += ` ${occ.startTime}`
    if (occ.end !== occ.start) text += `${sep}${format.date(occ.end, style)}`
    if (occ.endTime) text += `${occ.end !== occ.start ? ' ' : sep}${occ.endTime}`
    return text
  }
}
