/**
 * A long list rendered a slice at a time. The first `first` items render at once (FIRST_CARDS, a screenful);
 * the rest follow in slices sized to about `budgetMs` of work each, one task per slice, so the page can paint
 * and answer a tap in between. All 469 places at once were one task of 1–2 s on a cheap phone (BENCHMARKS.md,
 * issue 18); the first 24 at once were most of the 145–155 ms task that shows /spots' data at 4× CPU (10:
 * 95–128 ms). A slice's layout comes on top of its budget, and Lighthouse's model counts each task four times: with
 * 10 ms slices, /spots' later slices were 61–101 ms of its simulated tasks; 5 ms keeps most of them under 50 ms.
 *
 * What is shown only grows: a list that changes (a filter, the minute clock) keeps what is on screen
 * and fills the rest in slices, so nobody's scroll position jumps. `complete` is false while items are
 * still to come: the list says so with aria-busy, and the tests wait for it.
 */
import { computed, nextTick, onScopeDispose, ref, watch, type Ref } from 'vue'
import { FIRST_CARDS } from '@/domain/first-screen'

export interface ProgressiveOptions {
  /** Rendered at once. */
  first?: number
  /** Work per later slice, measured on this device. */
  budgetMs?: number
  /** Fewest and most items per later slice. */
  minStep?: number
  maxStep?: number
}

export function useProgressiveList<T>(items: Ref<readonly T[]>, options: ProgressiveOptions = {}) {
  const { first = FIRST_CARDS, budgetMs = 5, minStep = 2, maxStep = 200 } = options
  const limit = ref(first)
  let step = minStep * 2
  let timer: ReturnType<typeof setTimeout> | null = null

  async function grow() {
    timer = null
    const from = limit.value
    const started = performance.now()
    limit.value = Math.min(items.value.length, from + step)
    await nextTick()
    const added = limit.value - from
    if (added > 0) {
      const perItem = Math.max(performance.now() - started, 0.1) / added
      step = Math.min(maxStep, Math.max(minStep, Math.floor(budgetMs / perItem)))
    }
    schedule()
  }
  function schedule() {
    if (timer === null && limit.value < items.value.length) timer = setTimeout(() => void grow(), 0)
  }

  watch(() => items.value.length, schedule, { immediate: true })
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
  })

  return {
    shown: computed(() => (items.value.length > limit.value ? items.value.slice(0, limit.value) : items.value)),
    complete: computed(() => limit.value >= items.value.length),
  }
}
