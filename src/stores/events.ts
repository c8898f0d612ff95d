/**
 * Events with their timing worked out for today in Japan: the next (or
 * current) occurrence, or the most recent one for an ended event.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { eventTiming, todayInTokyo } from '@/domain/event-dates'
import { useRecordsStore } from './records'

export const useEventsStore = defineStore('events', () => {
  const records = useRecordsStore()
  /** Today's date in Japan; refreshed when the app comes back to the foreground. */
  const today = ref(todayInTokyo())
  function refreshToday(now = new Date()) {
    today.value = todayInTokyo(now)
  }
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') refreshToday()
    })
  }

  const timed = computed(() => records.events.map((event) => ({ event, ...eventTiming(event, today.value) })))
  const eventById = computed(() => new Map(records.events.map((e) => [e.id, e])))

  return { today, refreshToday, timed, eventById }
})
