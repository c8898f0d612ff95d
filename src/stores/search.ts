/**
 * The search index over the stored records. Built once per snapshot revision
 * (the record refs change only when a snapshot is loaded), never per keystroke.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { buildRecordsIndex } from '@/domain/search-index'
import { useRecordsStore } from './records'

export const useSearchStore = defineStore('search', () => {
  const records = useRecordsStore()
  let builds = 0
  const index = computed(() => {
    builds++
    return buildRecordsIndex({ municipalities: records.municipalities, spots: records.spots, events: records.events, routes: records.routes, schemes: records.schemes })
  })
  const lookups = computed(() => ({
    spot: records.spotById as Map<string, { name: { ja: string; en?: string } }>,
    event: new Map(records.events.map((e) => [e.id, e])),
    route: new Map(records.routes.map((r) => [r.id, r])),
    scheme: new Map(records.schemes.map((s) => [s.id, s])),
  }))
  function search(query: string, limit = 20) {
    return index.value.search(query, limit)
  }
  /** For tests: how many times the index was built. */
  const buildCount = () => builds
  return { index, lookups, search, buildCount }
})
