/**
 * "Which schemes might fit me?": a mover's answers × each scheme's conditions
 * (data in the snapshot) → matched with the reasons, or not matched with why.
 *
 * Reasons are i18n keys (under `living.reason.*` / `living.miss.*`) plus
 * parameters, never prose. An unanswered question never excludes a scheme:
 * only what the person said can rule one out.
 */
import type { AGE_BANDS, AUDIENCES, HOUSEHOLDS, MunicipalityCode, Scheme, WORK_STYLES } from './snapshot-schema'

export type AgeBand = (typeof AGE_BANDS)[number]
export type Household = (typeof HOUSEHOLDS)[number]
export type WorkStyle = (typeof WORK_STYLES)[number]
export type Audience = (typeof AUDIENCES)[number]

export interface MoverProfile {
  ageBand?: AgeBand
  household?: Household
  /** The town the person plans to move to, or undecided. */
  municipality: MunicipalityCode | 'undecided'
  work?: WorkStyle
  trialStay?: boolean
}

/** Which list the `values` parameter names: the component turns codes into words. */
export type ValueKind = 'ageBand' | 'household' | 'work' | 'audience'

export interface MatchReason {
  key: string
  params?: { town?: MunicipalityCode; kind?: ValueKind; values?: readonly string[] }
}

export interface SchemeMatch {
  scheme: Scheme
  matched: boolean
  /** Why it fits (always at least one entry when matched). */
  reasons: MatchReason[]
  /** Why it does not fit (empty when matched). */
  misses: MatchReason[]
}

/**
 * Audiences that limit a scheme to certain people, the question that tells, and who they are.
 * A scheme whose audiences are all restricted fits only when one of them holds.
 */
const RESTRICTED_AUDIENCES: Partial<Record<Audience, { question: 'work' | 'household'; holds: (p: MoverProfile) => boolean | undefined }>> = {
  businesses: { question: 'work', holds: (p) => (p.work === undefined ? undefined : p.work === 'startup' || p.work === 'succession') },
  students: { question: 'work', holds: (p) => (p.work === undefined ? undefined : p.work === 'student') },
  jobseekers: { question: 'work', holds: (p) => (p.work === undefined ? undefined : p.work === 'jobhunting' || p.work === 'student') },
  families: { question: 'household', holds: (p) => (p.household === undefined ? undefined : p.household === 'children') },
}

function listCondition<T extends string>(allowed: readonly T[] | undefined, answer: T | undefined, kind: ValueKind, reasons: MatchReason[], misses: MatchReason[]) {
  if (!allowed?.length || answer === undefined) return
  if (allowed.includes(answer)) reasons.push({ key: kind, params: { kind, values: [answer] } })
  else misses.push({ key: kind, params: { kind, values: allowed } })
}

export function matchScheme(profile: MoverProfile, scheme: Scheme): SchemeMatch {
  const reasons: MatchReason[] = []
  const misses: MatchReason[] = []
  const c = scheme.conditions

  // Where: region-wide schemes fit everyone; a town's own scheme fits its future residents.
  if (scheme.municipality === 'region') reasons.push({ key: 'regionWide' })
  else if (profile.municipality === 'undecided') reasons.push({ key: 'townUndecided', params: { town: scheme.municipality } })
  else if (profile.municipality === scheme.municipality) reasons.push({ key: 'town', params: { town: scheme.municipality } })
  else misses.push({ key: 'otherTown', params: { town: scheme.municipality } })

  listCondition(c.ageBands, profile.ageBand, 'ageBand', reasons, misses)
  listCondition(c.households, profile.household, 'household', reasons, misses)
  listCondition(c.work, profile.work, 'work', reasons, misses)

  if (c.trialStay === true && profile.trialStay !== undefined) {
    if (profile.trialStay) reasons.push({ key: 'trialStay' })
    else misses.push({ key: 'trialStay' })
  }
  if (c.movingIn === true) reasons.push({ key: 'movingIn' })

  const restricted = scheme.audience.filter((a) => RESTRICTED_AUDIENCES[a])
  if (restricted.length === scheme.audience.length) {
    const rules = restricted.map((a) => RESTRICTED_AUDIENCES[a]!)
    const answers = rules.map((rule) => rule.holds(profile))
    const fits = restricted.filter((_, i) => answers[i] === true)
    // Say "for businesses only" unless the same answer was already given as the reason (e.g. the work condition).
    const alreadySaid = rules.every((rule) => misses.some((m) => m.key === rule.question))
    if (fits.length) reasons.push({ key: 'audience', params: { kind: 'audience', values: fits } })
    else if (answers.every((a) => a === false) && !alreadySaid) misses.push({ key: 'audienceOnly', params: { kind: 'audience', values: restricted } })
  }

  const matched = misses.length === 0
  return { scheme, matched, reasons: matched ? reasons : [], misses }
}

/** Every scheme, matched ones first; the order within each group follows the input. */
export function matchSchemes(profile: MoverProfile, schemes: readonly Scheme[]): SchemeMatch[] {
  const all = schemes.map((s) => matchScheme(profile, s))
  return [...all.filter((m) => m.matched), ...all.filter((m) => !m.matched)]
}
