import { useI18n } from '@/modules/translate'
import { useLocalized } from '@/composables/useLocalized'
import { listFormat } from '@/domain/format'
import type { MatchReason } from '@/domain/scheme-match'
import { useRecordsStore } from '@/stores/records'

/** Turns a matching reason (i18n key + codes) into words in the UI language. */
export function useSchemeReason() {
  const { t, locale } = useI18n()
  const { text } = useLocalized()
  const records = useRecordsStore()
  const list = (values: readonly string[]) => listFormat(locale.value, { type: 'disjunction' }).format(values)
  return (reason: MatchReason, group: 'reason' | 'miss'): string => {
    const { town, kind, values } = reason.params ?? {}
    return t(`living.${group}.${reason.key}`, {
      town: town ? text(records.municipalityByCode.get(town)?.name) || town : '',
      values: kind && values ? list(values.map((value) => t(`living.${kind}.${value}`))) : '',
    })
  }
}
