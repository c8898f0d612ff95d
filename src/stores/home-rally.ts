/**
 * The "continue your stamp rally" card on Home: the rally with stamps that is
 * not complete yet, read from the user store (stamps) and the rallies in the
 * snapshot. Read-only; the rally pages own stamping.
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { Stamp } from '@/data/db'
import { listStamps } from '@/data/repositories/user-repo'
import type { Rally } from '@/domain/snapshot-schema'
import { useRecordsStore } from './records'

export interface RallyProgress {
  rally: Rally
  got: number
  total: number
}

export const useHomeRallyStore = defineStore('home-rally', () => {
  const records = useRecordsStore()
  const stamps = shallowRef<readonly Stamp[]>([])
  async function load() {
    stamps.value = await listStamps().catch(() => [])
  }
  const inProgress = computed<RallyProgress | null>(() => {
    let best: (RallyProgress & { last: string }) | null = null
    for (const rally of records.rallies) {
      const ids = new Set(rally.checkpoints.map((c) => c.id))
      const mine = stamps.value.filter((s) => s.rallyId === rally.id && ids.has(s.checkpointId))
      if (!mine.length || mine.length >= ids.size) continue
      const last = mine.reduce((a, s) => (s.at > a ? s.at : a), '')
      if (!best || last > best.last) best = { rally, got: mine.length, total: ids.size, last }
    }
    return best && { rally: best.rally, got: best.got, total: best.total }
  })
  return { stamps, load, inProgress }
})
