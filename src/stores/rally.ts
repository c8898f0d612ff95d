/**
 * Stamps: the person's collected check-ins, read from and written through the user-data store
 * (strict writes in user-repo). Also the one meaning of progress (domain/rally-rules rallyProgress),
 * used by the rally pages and Home's "continue your rally" card alike.
 * A check-in resolves only after its transaction has committed, so whatever
 * the UI confirms is on disk. Positions are used once and never kept.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CodeRejectionReason } from '@/domain/rally-codes'
import { checkpointMethods, evaluateCheckIn, periodStatus, previousStampPlace, rallyProgress, type CheckInRejection, type RallyPeriodStatus } from '@/domain/rally-rules'
import type { Checkpoint, Point, Rally } from '@/domain/snapshot-schema'
import type { Stamp, StampMethod } from '@/domain/user-data'
import { useLocationStore } from './location'
import { useRecordsStore } from './records'
import { useUserDataStore } from './user-data'

export type CheckInOutcome =
  | { ok: true; stamp: Stamp; added: boolean; rally: Rally; checkpoint: Checkpoint }
  | CheckInRejection
  | { ok: false; reason: 'no-position' }
  | { ok: false; reason: 'code'; code: CodeRejectionReason }
  | { ok: false; reason: 'save-failed'; detail: string }
  /** This checkpoint does not take that way of checking in (published `methods`). */
  | { ok: false; reason: 'method'; method: 'gps' | 'qr' }

export const useRallyStore = defineStore('rally', () => {
  const records = useRecordsStore()
  const user = useUserDataStore()
  const stamps = computed(() => user.stamps)
  const loaded = computed(() => user.loaded)
  /** The person's stamps have been read: until then (or when reading failed) a count of them would be a guess. */
  const stampsKnown = computed(() => user.loaded && !user.failed)
  const busy = ref(false)
  const load = () => user.load()
  const ensureLoaded = () => user.ensureLoaded()

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
      const result = await user.addStamp({ key: `${rally.id}/${checkpoint.id}`, rallyId: rally.id, checkpointId: checkpoint.id, at: new Date(now).toISOString(), method })
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
    if (!checkpointMethods(checkpoint).includes('gps')) return { ok: false, reason: 'method', method: 'gps' }
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
      const { verifyRallyCode } = await import('@/domain/rally-codes') // the verifier loads with the first code, not on Home
      const verdict = await verifyRallyCode(text, { rallies: records.rallies, now, expectedRallyId: options.expectedRallyId })
      if (!verdict.ok) return { ok: false, reason: 'code', code: verdict.reason }
      if (!checkpointMethods(verdict.checkpoint).includes('qr')) return { ok: false, reason: 'method', method: 'qr' }
      const status = periodStatus(verdict.rally.period, now)
      if (status !== 'running') return { ok: false, reason: 'not-running', status }
      const existing = stampFor(verdict.rally.id, verdict.checkpoint.id)
      if (existing) return { ok: true, stamp: existing, added: false, rally: verdict.rally, checkpoint: verdict.checkpoint }
      return await save(verdict.rally, verdict.checkpoint, method, now)
    } finally {
      busy.value = false
    }
  }

  /**
   * Home's "continue your rally": the rally with stamps whose reward is not earned yet (an
   * "any N of M" rally is done at N), the one stamped most recently.
   */
  const inProgress = computed(() => {
    let best: { rally: Rally; got: number; needed: number; total: number; last: string } | null = null
    for (const rally of records.rallies) {
      const mine = stampsByRally.value.get(rally.id) ?? []
      const p = rallyProgress(rally, mine)
      if (!p.collected || p.complete) continue
      const last = mine.reduce((a, s) => (s.at > a ? s.at : a), '')
      if (!best || last > best.last) best = { rally, got: p.collected, needed: p.needed, total: p.total, last }
    }
    return best && { rally: best.rally, got: best.got, needed: best.needed, total: best.total }
  })

  return { stamps, loaded, stampsKnown, busy, load, ensureLoaded, stampsByRally, rallyById, orphanRallyIds, stampFor, progressOf, statusOf, inProgress, checkInByLocation, checkInByCode }
})
