/**
 * Stamp rally rules, pure (no Vue, no IndexedDB): the period in Japan's time
 * zone, progress and reward, and whether a position fix may stamp a checkpoint.
 */
import { distanceM } from './geo'
import type { Checkpoint, Point, Rally } from './snapshot-schema'

export const TOKYO_OFFSET = '+09:00'

/** Check-in limits. A fix worse than ACCURACY_LIMIT_M cannot prove where the person is. */
export const CHECKIN_LIMITS = {
  accuracyLimitM: 100,
  maxFixAgeMs: 60_000,
  /** Faster than an express train between two check-ins: not a person on the ground. */
  maxSpeedKmh: 300,
} as const

export type RallyPeriodStatus = 'not-started' | 'running' | 'ended'

/** Start of a Japan calendar day (YYYY-MM-DD) as ms since epoch. */
export function tokyoDayStart(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00${TOKYO_OFFSET}`)
}
/** First ms after a Japan calendar day. */
export function tokyoDayEnd(isoDate: string): number {
  return tokyoDayStart(isoDate) + 24 * 3600_000
}

/** The period runs from the start day 00:00 to the end day 24:00, Japan time. */
export function periodStatus(period: Rally['period'], now: number): RallyPeriodStatus {
  if (now < tokyoDayStart(period.start)) return 'not-started'
  if (period.end && now >= tokyoDayEnd(period.end)) return 'ended'
  return 'running'
}

export interface StampLike {
  rallyId: string
  checkpointId: string
  at: string
}

export interface RallyProgress {
  collected: number
  total: number
  /** Stamps the reward needs (all checkpoints, or N of them). */
  needed: number
  complete: boolean
}

export function rallyProgress(rally: Pick<Rally, 'id' | 'checkpoints' | 'reward'>, stamps: readonly StampLike[]): RallyProgress {
  const ids = new Set(rally.checkpoints.map((c) => c.id))
  const collected = new Set(stamps.filter((s) => s.rallyId === rally.id && ids.has(s.checkpointId)).map((s) => s.checkpointId)).size
  const total = rally.checkpoints.length
  const needed = rally.reward.rule.type === 'all' ? total : Math.min(rally.reward.rule.count, total)
  return { collected, total, needed, complete: collected >= needed }
}

/**
 * The stamps that met the reward condition: the first `needed` by time. Stamps
 * collected afterwards do not change them (so neither the completion date nor
 * the completion code moves). Empty while the rally is not complete.
 */
export function completingStamps<S extends StampLike>(rally: Pick<Rally, 'id' | 'checkpoints' | 'reward'>, stamps: readonly S[]): S[] {
  const progress = rallyProgress(rally, stamps)
  if (!progress.complete) return []
  const ids = new Set(rally.checkpoints.map((c) => c.id))
  return stamps
    .filter((s) => s.rallyId === rally.id && ids.has(s.checkpointId))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.checkpointId < b.checkpointId ? -1 : 1))
    .slice(0, progress.needed)
}

/** When the reward condition was first met: the time of the stamp that completed it. */
export function completedAt(rally: Pick<Rally, 'id' | 'checkpoints' | 'reward'>, stamps: readonly StampLike[]): string | null {
  return completingStamps(rally, stamps).at(-1)?.at ?? null
}

export interface PositionFix extends Point {
  accuracy: number
  timestamp: number
}

export type CheckInMethod = 'gps' | 'qr'

/** How a visitor may check in at a checkpoint: as published, else both ways. */
export function checkpointMethods(checkpoint: Pick<Checkpoint, 'methods'>): readonly CheckInMethod[] {
  return checkpoint.methods ?? ['gps', 'qr']
}

/**
 * Whether a typed or scanned code can ever give a stamp in this rally: it needs a published signing
 * key and at least one checkpoint that takes codes. Otherwise the code entry is not offered.
 */
export function acceptsCodes(rally: Pick<Rally, 'keys' | 'checkpoints'>): boolean {
  return rally.keys.length > 0 && rally.checkpoints.some((c) => checkpointMethods(c).includes('qr'))
}

export type CheckInRejection =
  | { ok: false; reason: 'too-far'; distanceM: number; remainingM: number; accuracyM: number }
  | { ok: false; reason: 'inaccurate'; accuracyM: number; limitM: number }
  | { ok: false; reason: 'stale'; ageMs: number }
  | { ok: false; reason: 'too-fast'; speedKmh: number }
  | { ok: false; reason: 'not-running'; status: RallyPeriodStatus }

export type CheckInResult = { ok: true; distanceM: number; accuracyM: number } | CheckInRejection

export interface CheckInInput {
  rally: Pick<Rally, 'period'>
  checkpoint: Pick<Checkpoint, 'point' | 'radiusM'>
  fix: PositionFix
  now: number
  /** The person's latest earlier stamp (any rally): where its checkpoint is and when it was taken. */
  previous?: { point: Point; at: number } | null
  limits?: Partial<typeof CHECKIN_LIMITS>
}

/**
 * Accept a fix when (distance − accuracy) ≤ radius, the accuracy is within the
 * limit, the fix is fresh and the trip from the previous stamp was possible.
 */
export function evaluateCheckIn({ rally, checkpoint, fix, now, previous, limits }: CheckInInput): CheckInResult {
  const l = { ...CHECKIN_LIMITS, ...limits }
  const status = periodStatus(rally.period, now)
  if (status !== 'running') return { ok: false, reason: 'not-running', status }
  const ageMs = now - fix.timestamp
  if (ageMs > l.maxFixAgeMs) return { ok: false, reason: 'stale', ageMs }
  if (!(fix.accuracy >= 0) || fix.accuracy > l.accuracyLimitM) return { ok: false, reason: 'inaccurate', accuracyM: fix.accuracy, limitM: l.accuracyLimitM }
  const d = distanceM(fix, checkpoint.point)
  if (d - fix.accuracy > checkpoint.radiusM) {
    return { ok: false, reason: 'too-far', distanceM: d, remainingM: Math.ceil(d - fix.accuracy - checkpoint.radiusM), accuracyM: fix.accuracy }
  }
  if (previous) {
    const speed = travelSpeedKmh(previous.point, previous.at, checkpoint.point, now)
    if (speed > l.maxSpeedKmh) return { ok: false, reason: 'too-fast', speedKmh: speed }
  }
  return { ok: true, distanceM: d, accuracyM: fix.accuracy }
}

/** Speed needed to go from one checkpoint to another in the time between two check-ins. */
export function travelSpeedKmh(from: Point, fromAt: number, to: Point, toAt: number): number {
  const metres = distanceM(from, to)
  if (metres < 1) return 0
  const hours = Math.max(toAt - fromAt, 1) / 3600_000
  return metres / 1000 / hours
}

/** The latest stamp before `now`, with the place of its checkpoint (for the speed rule). */
export function previousStampPlace(stamps: readonly StampLike[], pointOf: (rallyId: string, checkpointId: string) => Point | undefined): { point: Point; at: number } | null {
  let best: { point: Point; at: number } | null = null
  for (const s of stamps) {
    const at = Date.parse(s.at)
    const point = pointOf(s.rallyId, s.checkpointId)
    if (point && Number.isFinite(at) && (!best || at > best.at)) best = { point, at }
  }
  return best
}
