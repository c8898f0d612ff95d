/**
 * Hand-curated records (data/curated/*.json): what no feed has. Each record names
 * its source. Points are checked like the feeds' points: a point outside its
 * municipality is removed (spots) or the record is refused (route stops, checkpoints).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as v from 'valibot'
import {
  CheckpointSchema, EventSchema, RallySchema, RouteSchema, SchemeSchema, SpotSchema,
  type Checkpoint, type Localized, type Municipality, type Point, type Rally, type RegionEvent, type Route, type Scheme, type Source, type Spot,
} from '../../src/domain/snapshot-schema'
import { definitionToRally, organiserSource, parseDefinitionFile } from '../../src/domain/rally-organiser'
import { nfkc } from './csv'
import { coreName, Region } from './region'
import { SourceReport } from './report'

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

function validated<T>(schema: v.GenericSchema<unknown, T>, value: unknown, report: SourceReport, label: string): T | undefined {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  report.drop(`invalid: ${(issue.path ?? []).map((p) => String(p.key)).join('.')} ${issue.message}`, label)
  return undefined
}

export function curatedSpots(dir: string, region: Region, report: SourceReport): Spot[] {
  const out: Spot[] = []
  for (const raw of readJson<Spot[]>(resolve(dir, 'spots-curated.json'))) {
    report.read++
    const spot = { ...raw }
    if (spot.point && !region.contains(spot.municipality, spot.point)) {
      report.note('point outside its municipality: point removed', spot.name.ja)
      delete spot.point
    }
    const ok = validated(SpotSchema, spot, report, spot.id)
    if (ok) {
      out.push(ok)
      report.kept++
    }
  }
  return out
}

interface PointFix {
  spotId: string
  point: Point
  /** Where the point comes from; appended to the spot's `sourceRef`. */
  sourceRef: string
}

/**
 * data/curated/point-fixes.json: a trusted point, from a second published source,
 * for a feed record whose own point was a placeholder (or missing). A fix never
 * replaces a trusted point and must lie inside the spot's municipality.
 */
export function applyPointFixes(dir: string, spots: Map<string, Spot>, region: Region, report: SourceReport): void {
  const path = resolve(dir, 'point-fixes.json')
  if (!existsSync(path)) return
  for (const fix of readJson<PointFix[]>(path)) {
    report.read++
    const spot = spots.get(fix.spotId)
    if (!spot) report.drop('fix for a spot the snapshot does not have', fix.spotId)
    else if (spot.point) report.drop('the spot already has a trusted point: fix not applied', fix.spotId)
    else if (!region.contains(spot.municipality, fix.point)) report.drop('fix lies outside the spot\'s municipality', fix.spotId)
    else {
      spot.point = fix.point
      spot.sourceRef = [spot.sourceRef, fix.sourceRef].filter(Boolean).join('; ')
      report.kept++
    }
  }
}

/** English names by Japanese name (brackets and spaces ignored); only fills a missing `en`. */
/**
 * English names from data/curated/english-names.json: by the exact name (NFKC, spaces ignored) first,
 * else by the name without brackets — but only when that shorter key belongs to one entry alone
 * (萩往還（山口）, 萩往還（萩） and 萩往還（防府） all shorten to 萩往還 and must not take each other's names).
 * Throws when two different places would end up with the same English name.
 */
export function applyEnglishNames(dir: string, spots: Spot[]): number {
  const names = readJson<Record<string, string>>(resolve(dir, 'english-names.json'))
  const exactKey = (name: string) => nfkc(name).replace(/\s+/g, '')
  const exact = new Map(Object.entries(names).map(([ja, en]) => [exactKey(ja), en]))
  const cores = new Map<string, string[]>()
  for (const [ja, en] of Object.entries(names)) cores.set(coreName(ja), [...(cores.get(coreName(ja)) ?? []), en])
  let n = 0
  for (const spot of spots) {
    if (spot.name.en) continue
    const byCore = cores.get(coreName(spot.name.ja))
    const en = exact.get(exactKey(spot.name.ja)) ?? (byCore?.length === 1 ? byCore[0] : undefined)
    if (en) {
      spot.name = { ja: spot.name.ja, en }
      n++
    }
  }
  const byEnglish = new Map<string, Spot>()
  for (const spot of spots) {
    if (!spot.name.en) continue
    const other = byEnglish.get(spot.name.en)
    if (other && coreName(other.name.ja) !== coreName(spot.name.ja)) throw new Error(`two places would share the English name "${spot.name.en}": ${other.id} ${other.name.ja} / ${spot.id} ${spot.name.ja}`)
    byEnglish.set(spot.name.en, spot)
  }
  return n
}

interface StopInput {
  spotId?: string
  name?: Localized
  point?: Point
  note?: Localized
}
type RouteInput = Omit<Route, 'stops'> & { stops: StopInput[] }

export function curatedRoutes(dir: string, spots: Map<string, Spot>, region: Region, report: SourceReport): Route[] {
  const out: Route[] = []
  for (const raw of readJson<RouteInput[]>(resolve(dir, 'routes.json'))) {
    report.read++
    const stops = []
    let broken = ''
    for (const s of raw.stops) {
      const spot = s.spotId ? spots.get(s.spotId) : undefined
      if (s.spotId && !spot) broken ||= `stop refers to unknown spot ${s.spotId}`
      const point = s.point ?? spot?.point
      if (!point) broken ||= `stop ${s.name?.ja ?? s.spotId} has no trusted point`
      else if (spot && !region.contains(spot.municipality, point)) broken ||= `stop ${spot.name.ja} lies outside its municipality`
      stops.push({ name: s.name ?? spot?.name ?? { ja: '?' }, ...(s.spotId ? { spotId: s.spotId } : {}), ...(point ? { point } : {}), ...(s.note ? { note: s.note } : {}) })
    }
    if (broken) {
      report.drop(broken, raw.id)
      continue
    }
    const ok = validated(RouteSchema, { ...raw, stops }, report, raw.id)
    if (ok) {
      out.push(ok)
      report.kept++
    }
  }
  return out
}

export function curatedEvents(dir: string, files: string[], region: Region, report: SourceReport): RegionEvent[] {
  const out: RegionEvent[] = []
  for (const file of files) {
    for (const raw of readJson<RegionEvent[]>(resolve(dir, file))) {
      report.read++
      const event = { ...raw }
      if (event.point && !region.contains(event.municipality, event.point)) {
        report.note('point outside its municipality: point removed', event.name.ja)
        delete event.point
      }
      if (event.dates.length === 0 && !event.recurrence && !event.dateNote) {
        report.drop('no date, no rule, no date note', event.id)
        continue
      }
      const ok = validated(EventSchema, event, report, event.id)
      if (ok) {
        out.push(ok)
        report.kept++
      }
    }
  }
  return out
}

export function curatedSchemes(dir: string, report: SourceReport): Scheme[] {
  const out: Scheme[] = []
  for (const raw of readJson<Scheme[]>(resolve(dir, 'schemes.json'))) {
    report.read++
    const ok = validated(SchemeSchema, raw, report, raw.id)
    if (ok) {
      out.push(ok)
      report.kept++
    }
  }
  return out
}

type CheckpointInput = Omit<Checkpoint, 'point' | 'name' | 'municipality'> & Partial<Pick<Checkpoint, 'point' | 'name' | 'municipality'>>
type RallyInput = Omit<Rally, 'checkpoints' | 'keys'> & { checkpoints: CheckpointInput[] }

export function curatedRallies(dir: string, spots: Map<string, Spot>, region: Region, report: SourceReport): Rally[] {
  const keysPath = resolve(dir, 'rally-keys.json')
  const keys = existsSync(keysPath) ? readJson<Record<string, Rally['keys']>>(keysPath) : {}
  const out: Rally[] = []
  for (const raw of readJson<RallyInput[]>(resolve(dir, 'rallies.json'))) {
    report.read++
    const checkpoints: Checkpoint[] = []
    for (const c of raw.checkpoints) {
      const spot = c.spotId ? spots.get(c.spotId) : undefined
      const cp = { ...c, name: c.name ?? spot?.name, municipality: c.municipality ?? spot?.municipality, point: c.point ?? spot?.point }
      if (!cp.point || !cp.municipality || !region.contains(cp.municipality, cp.point)) {
        report.drop('checkpoint without a trusted point inside its municipality', `${raw.id}/${c.id}`)
        continue
      }
      const ok = validated(CheckpointSchema, cp, report, `${raw.id}/${c.id}`)
      if (ok) checkpoints.push(ok)
    }
    const ok = validated(RallySchema, { ...raw, checkpoints, keys: keys[raw.id] ?? [] }, report, raw.id)
    if (ok) {
      out.push(ok)
      report.kept++
    }
  }
  return out
}

interface HighlightInput {
  spotId: string
  reason: Localized
  source: string
  sourceRef?: string
}

/** The spot an editorial pick names, once its source and its bilingual reason are checked (else the build stops). */
function pickedSpot(file: string, pick: HighlightInput, spots: Map<string, Spot>, sourceIds: ReadonlySet<string>): Spot {
  const spot = spots.get(pick.spotId)
  if (!spot) throw new Error(`${file}: unknown spot ${pick.spotId}`)
  if (!sourceIds.has(pick.source)) throw new Error(`${file}: ${pick.spotId} names unknown source ${pick.source}`)
  if (!pick.reason?.ja?.trim() || !pick.reason?.en?.trim()) throw new Error(`${file}: ${pick.spotId} needs a reason in Japanese and English`)
  return spot
}

/**
 * data/curated/highlights.json: the editorial "must see" picks, each with a one-line reason in both
 * languages and the source the reason comes from. A pick of an unknown spot or source, or without
 * an English reason, stops the build (a highlight must never be unsourced).
 */
export function applyHighlights(dir: string, spots: Map<string, Spot>, sourceIds: ReadonlySet<string>, report: SourceReport): void {
  for (const h of readJson<HighlightInput[]>(resolve(dir, 'highlights.json'))) {
    report.read++
    const spot = pickedSpot('highlights.json', h, spots, sourceIds)
    spot.highlight = { reason: h.reason, source: h.source, ...(h.sourceRef ? { sourceRef: h.sourceRef } : {}) }
    report.kept++
  }
}

interface SeasonInput extends HighlightInput {
  months: number[]
}

/**
 * data/curated/seasons.json: months in which a spot's published text names something to see or a
 * yearly rite (「5月の藤」「11月22日・23日に山口天神祭」), each with a one-line reason in both
 * languages and the quoted source words. Home's "this season" picks come from here: a month the
 * source does not name is never claimed. An unknown spot or source, a month outside 1–12, a month
 * twice, or a missing English reason stops the build.
 */
export function applySeasons(dir: string, spots: Map<string, Spot>, sourceIds: ReadonlySet<string>, report: SourceReport): void {
  for (const e of readJson<SeasonInput[]>(resolve(dir, 'seasons.json'))) {
    report.read++
    const spot = pickedSpot('seasons.json', e, spots, sourceIds)
    const months = [...new Set(e.months)].sort((a, b) => a - b)
    if (!months.length || months.length !== e.months.length || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) throw new Error(`seasons.json: ${e.spotId} has months ${JSON.stringify(e.months)} (1–12, each once)`)
    if (!e.sourceRef?.trim()) throw new Error(`seasons.json: ${e.spotId} needs the quoted source words (sourceRef)`)
    spot.season = { months, reason: e.reason, source: e.source, sourceRef: e.sourceRef }
    report.kept++
  }
}

/**
 * data/curated/rallies/*.json: rallies defined on the organiser screen (/organise), one exported file
 * each, with their public keys. Each is checked as the screen checks it (the same function); a file
 * that does not pass stops the build with its problems: an organiser's rally never vanishes silently.
 */
export function organiserRallies(dir: string, municipalities: readonly Municipality[], report: SourceReport): { rallies: Rally[]; sources: Source[] } {
  const folder = resolve(dir, 'rallies')
  if (!existsSync(folder)) return { rallies: [], sources: [] }
  const rallies: Rally[] = []
  const sources: Source[] = []
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    report.read++
    const checked = parseDefinitionFile(readFileSync(resolve(folder, file), 'utf8'), municipalities)
    if (!checked.ok) throw new Error(`data/curated/rallies/${file}: ${checked.problems.join('; ')}`)
    rallies.push(definitionToRally(checked.definition))
    sources.push(organiserSource(checked.definition))
    report.kept++
  }
  return { rallies, sources }
}
