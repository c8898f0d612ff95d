/**
 * For a page that sorts names in Japanese order (/spots, /map): the collator is made in an idle moment after the page
 * is mounted, while a first visit waits for its data, not in the task that first sorts them. Making it loads ICU's
 * collation data: 28–45 ms at 4× CPU slowdown, most of the 4×-slowed sort of /spots' 469 places in the task that
 * showed them (BENCHMARKS.md, issue 18). Where the data is already there, the first sort has made it: nothing to do.
 */
import { onMounted } from 'vue'
import { japaneseCollator } from '@/domain/text-order'
import { whenIdle } from './whenIdle'

export function useJapaneseOrderAhead(): void {
  onMounted(() => whenIdle(() => void japaneseCollator()))
}
