/**
 * "Add to calendar" (an event, a mover event, my trip): the iCalendar writer (the `ics` library with
 * domain/event-ics and domain/trip-ics, ≈ 20 kB gzip) is not part of the screens that offer it. It loads when
 * the screen is idle after its first render, so a tap finds it ready and the file is saved as part of the
 * person's own action; a tap before that waits for it. Offline it comes from the service worker's cache.
 */
import { onMounted, ref } from 'vue'
import type { Occurrence } from '@/domain/event-dates'
import type { IcsText } from '@/domain/event-ics'
import type { Trip, TripStop } from '@/domain/trip-file'
import { useExport } from './useExport'
import { whenIdle } from './whenIdle'

const load = () => Promise.all([import('@/domain/event-ics'), import('@/domain/trip-ics')]).then(([event, trip]) => ({ ...event, ...trip }))
let loading: ReturnType<typeof load> | null = null
/** One load per page; a failed load (a chunk missing after an update) is tried again at the next tap. */
function writer(): ReturnType<typeof load> {
  loading ??= load().catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}

export function useCalendarFile() {
  const { download } = useExport()
  /** The writer could not be loaded: the screen says so instead of doing nothing. */
  const failed = ref(false)
  // Loaded after the page's own work, in time for a tap soon after the screen appears.
  onMounted(() => whenIdle(() => void writer().catch(() => undefined)))

  async function save(make: (ics: Awaited<ReturnType<typeof load>>) => { name: string; text: string }): Promise<void> {
    failed.value = false
    try {
      const { name, text } = make(await writer())
      download(name, text, 'text/calendar')
    } catch {
      failed.value = true
    }
  }
  /** One occurrence of an event as an .ics file. */
  const saveEvent = (event: IcsText, occurrence: Occurrence) => save((ics) => ({ name: ics.icsFileName(event.id, occurrence), text: ics.occurrenceToIcs(event, occurrence) }))
  /** My trip as an .ics file, one event per stop. */
  const saveTrip = (trip: Pick<Trip, 'days' | 'title'>, nameOf: (s: TripStop) => string, note: string) =>
    save((ics) => ({ name: `${trip.days[0]!.date}-trip.ics`, text: ics.tripToIcs(trip, nameOf, note) }))
  return { saveEvent, saveTrip, failed }
}
