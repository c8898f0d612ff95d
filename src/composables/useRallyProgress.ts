import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { useI18n } from '@/modules/translate'
import type { Rally } from '@/domain/snapshot-schema'
import { useRallyStore } from '@/stores/rally'

/**
 * A rally's progress as the cards and the rally page show it. Until the person's stamps are read (or when reading
 * them failed), the count is "–", not 0: "0 / 3" for a moment read as stamps lost.
 */
export function useRallyProgress(rally: MaybeRefOrGetter<Rally>) {
  const { t } = useI18n()
  const store = useRallyStore()
  const progress = computed(() => store.progressOf(toValue(rally)))
  const collected = computed(() => (store.stampsKnown ? progress.value.collected : undefined))
  const label = computed(() => t('rally.progress', { collected: collected.value ?? '–', total: progress.value.total }))
  /** Set while the stamps are being read (aria-busy). */
  const reading = computed(() => !store.loaded)
  return { progress, collected, label, reading }
}
