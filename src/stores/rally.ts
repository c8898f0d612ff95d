/**
 * Stamps: the person's collected check-ins, over user-repo's strict writes.
 * A check-in resolves only after its transaction has committed, so whatever
 * the UI confirms is on disk. Positions are used once and never kept.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Stamp, StampMethod } from '@/data/db'
import { exportUserData, mergeUserData, type MergeCounts } from '@/data/repositories/backup-repo'
import { addStamp, listStamps } from '@/data/repositories/user-repo'
import { verifyRallyCode, type CodeRejectionReason } from '@/domain/rally-codes'
import { evaluateCheckIn, periodStatus, previousStampPlace, rallyProgress, type CheckInRejection, type RallyPeriodStatus } from '@/domain/rally-rules'
import type { Checkpoint, Point, Rally } from '@/domain/snapshot-schema'
import { parseBackup, type UserBackup } from '@/domain/user-backup'
import { useLocationStore } from './location'
import { useRecordsStore } from './records'

export type CheckInOutcome =
  | { ok: true; stamp: Stamp; added: boolean; rally: Rally; checkpoint: Checkpoint }
  | CheckInRejection
  | { ok: false; reason: 'no-position' }
  | { ok: false; reason: 'code'; code: CodeRejectionReason }
  | { ok: false; reason: 'save-failed'; detail: string }

export const useRallyStore = defineStore('rally', () => {
  const records = useRecordsStore()
  const stamps = shallowRef<readonly Stamp[]>([])
  const loaded = ref(false)
  const busy = ref(false)

  async function load() {
    stamps.value = Object.freeze(await listStamps())
    loaded.value = true
  }
  let loading: Promise<void> | null = null
  function ensureLoaded(): Promise<void> {
    loading ??= load().catch((error: unknown) => {
      loading = null
      throw error
    })
    return loading
  }

  const stampsByRally = computed(() => {
    const map = new Map<string, Stamp[]>()
    for (const s of stamps.value) map.set(s.rallyId, [...(map.get(s.rallyId) ?? []), s])
    return map
  })
  const rallyById = computed(() => new Map(records.rallies.map((r) => [r.id, r])))
  /** Rallies with stamps that the current snapshot no longer lists: the stamps stay and are shown. */
  const orphanRallyIds = computed(() => [...stampsByRally.value.keys()].filter((id) => !rallyById.value.has(id)).sort())

  function stampFor(rallyId: string, checkpointId: string): Stamp | undefined {
    return stamps.value.find((s) => s.rallyId === rallyId && s.checkpointId === checkpointId)
  }
  function progressOf(rally: Rally) {
    return rallyProgress(rally, stampsByRally.value.get(rally.id) ?? [])
  }
  function statusOf(rally: Rally, now = Date.now()): RallyPeriodStatus {
    return periodStatus(rally.period, now)
  }

  function pointOf(rallyId: string, checkpointId: string): Point | undefined {
    return rallyById.value.get(rallyId)?.checkpoints.find((c) => c.id === checkpointId)?.point
  }

  async function save(rally: Rally, checkpoint: Checkpoint, method: StampMethod, now: number): Promise<CheckInOutcome> {
    try {
      const result = await addStamp({ key: `${rally.id}/${checkpoint.id}`, rallyId: rally.id, checkpointId: checkpoint.id, at: new Date(now).toISOString(), method })
      if (result.added) stamps.value = Object.freeze([...stamps.value, result.stamp])
      return { ok: true, stamp: result.stamp, added: result.added, rally, checkpoint }
    } catch (error) {
      return { ok: false, reason: 'save-failed', detail: error instanceof Error ? error.message : String(error) }
    }
  }

  /** Check in with one fresh position fix; the fix is dropped afterwards. */
  async function checkInByLocation(rally: Rally, checkpoint: Checkpoint, clock: () => number = Date.now): Promise<CheckInOutcome> {
    await ensureLoaded()
    const existing = stampFor(rally.id, checkpoint.id)
    if (existing) return { ok: true, stamp: existing, added: false, rally, checkpoint }
    busy.value = true
    const location = useLocationStore()
    try {
      const fix = await location.locate({ maxAgeMs: 0 })
      if (!fix) return { ok: false, reason: 'no-position' }
      const now = clock()
      const previous = previousStampPlace(stamps.value, pointOf)
      const verdict = evaluateCheckIn({ rally, checkpoint, fix, now, previous })
      if (!verdict.ok) return verdict
      return await save(rally, checkpoint, 'gps', now)
    } finally {
      busy.value = false
    }
  }

  /** Check in with a scanned or typed code. Replaying a code returns the existing stamp. */
  async function checkInByCode(text: string, method: 'qr' | 'code', options: { expectedRallyId?: string; clock?: () => number } = {}): Promise<CheckInOutcome> {
    await ensureLoaded()
    busy.value = true
    try {
      const now = (options.clock ?? Date.now)()
      const verdict = await verifyRallyCode(text, { rallies: records.rallies, now, expectedRallyId: options.expectedRallyId })
      if (!verdict.ok) return { ok: false, reason: 'code', code: verdict.reason }
      const status = periodStatus(verdict.rally.period, now)
      if (status !== 'running') return { ok: false, reason: 'not-running', status }
      const existing = stampFor(verdict.rally.id, verdict.checkpoint.id)
      if (existing) return { ok: true, stamp: existing, added: false, rally: verdict.rally, checkpoint: verdict.checkpoint }
      return await save(verdict.rally, verdict.checkpoint, method, now)
    } finally {
      busy.value = false
    }
  }

  async function exportBackup(): Promise<UserBackup> {
    return exportUserData()
  }

  /** Validate and merge a backup file; never removes or overwrites anything on this device. */
  async function importBackup(text: string): Promise<{ ok: true; added: MergeCounts } | { ok: false; detail: string }> {
    const parsed = parseBackup(text)
    if (!parsed.ok) return parsed
    const added = await mergeUserData(parsed.backup)
    await load()
    return { ok: true, added }
  }

  return { stamps, loaded, busy, load, ensureLoaded, stampsByRally, rallyById, orphanRallyIds, stampFor, progressOf, statusOf, checkInByLocation, checkInByCode, exportBackup, importBackup }
})
