/** The current time, updated once a minute: enough for "open now" (lists and pages re-check when the minute changes). */
import { useNow } from '@vueuse/core'

export function useMinuteClock() {
  return useNow({ interval: 60_000 })
}
