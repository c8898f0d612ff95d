/**
 * Builds public/data/snapshot.json (and its small meta file) from the repository's
 * own copies of the open-data feeds (data/feeds/), the boundaries (data/boundaries/)
 * and the curated files in data/curated/. Nothing outside the repository is read.
 *
 *   npm run snapshot                     build, validate, write, print the per-source report
 *   npm run snapshot -- --check FILE...  print the report for any CSV files; writes nothing;
 *                                        exits non-zero only when a file cannot be read
 *
 * Output is deterministic: the same inputs give the same bytes (records sorted by
 * id; `generatedAt` is the newest as-of date of the sources, not the wall clock).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { EventSchema, SCHEMA_VERSION, SnapshotSchema, SpotSchema, type Municipality, type Snapshot, type SnapshotBody, type Spot } from '../../src/domain/snapshot-schema'
import { canonicalBody, parseSnapshot, sha256Hex } from '../../src/domain/snapshot-validate'
import { applyEnglishNames, applyHighlights, applyPointFixes, applySeasons, curatedEvents, curatedRallies, curatedRoutes, curatedSchemes, curatedSpots, organiserRallies } from './curated'
import { FEEDS } from './feeds'
import { importCsv, type Draft, type FileConfig } from './importers'

/** A feed as the build reads it: its file under data/feeds/<publisher>/. */
type FileConfigIn = FileConfig & { publisher: string }
import { loadMunicipalities } from './municipalities'
import { applyOpeningHours, formatHoursTally } from './opening-hours'
import { Region } from './region'
import { applyTransliterations, formatRomanizeTally } from './romanize'
import { formatReports, SourceReport } from './report'
import { applyRules } from './rules'
import { placeEventsAtVenues } from './venues'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const FEEDS_DIR = resolve(root, 'data/feeds')
export const BOUNDARIES = resolve(root, 'data/boundaries/municipalities.geojson')
export const CURATED = resolve(root, 'data/curated')

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Reads CSV files into drafts; a file that cannot be read or has an unknown layout gets an error in its report. */
export function importFiles(files: Array<{ path: string; cfg: FileConfig }>): { drafts: Array<{ draft: Draft; report: SourceReport }>; reports: SourceReport[]; unreadable: number } {
  const drafts: Array<{ draft: Draft; report: SourceReport }> = []
  const reports: SourceReport[] = []
  let unreadable = 0
  for (const { path, cfg } of files) {
    const report = new SourceReport(cfg.file, cfg.source)
    reports.push(report)
    let content: Buffer
    try {
      content = readFileSync(path)
    } catch (error) {
      report.error = `cannot read ${path}: ${(error as Error).message}`
      unreadable++
      continue
    }
    try {
      for (const draft of importCsv(content, cfg, report)) drafts.push({ draft, report })
    } catch (error) {
      report.error = (error as Error).message
    }
  }
  return { drafts, reports, unreadable }
}

/** Final per-record validation: a record the app would refuse is dropped and reported. */
function keepValid<T extends { id: string; name: { ja: string } }>(records: T[], schema: v.GenericSchema<unknown, unknown>, reportFor: (r: T) => SourceReport | undefined): T[] {
  return records.filter((r) => {
    const result = v.safeParse(schema, r)
    if (result.success) return true
    const report = reportFor(r)
    const issue = result.issues[0]
    report?.drop(`invalid: ${(issue.path ?? []).map((p) => String(p.key)).join('.')} ${issue.message}`, r.name.ja)
    if (report) report.kept--
    return false
  })
}

export async function buildSnapshot(options: { feeds?: string; feedList?: FileConfigIn[]; boundaries?: string; curated?: string } = {}): Promise<{ snapshot: Snapshot; reports: SourceReport[]; hoursSummary: string }> {
  const feedsDir = options.feeds ?? FEEDS_DIR
  const curated = options.curated ?? CURATED
  const feedList = options.feedList ?? FEEDS
  // A source's as-of date is its newest feed's (npm run data:update moves a feed's date forward).
  const sources = readJson<SnapshotBody['sources']>(resolve(curated, 'sources.json')).map((s) => {
    const newest = feedList.filter((f) => f.source === s.id).map((f) => f.asOf).sort().at(-1)
    return newest && newest > s.asOf ? { ...s, asOf: newest } : s
  })
  const municipalities: Municipality[] = loadMunicipalities(options.boundaries ?? BOUNDARIES)
  const region = new Region(municipalities)

  const { drafts, reports } = importFiles(feedList.map((cfg) => ({ path: resolve(feedsDir, cfg.publisher, cfg.file), cfg })))
  const failed = reports.filter((r) => r.error)
  if (failed.length) throw new Error(failed.map((r) => r.error).join('\n'))
  const ruled = applyRules(drafts, region)
  const reportOf = new Map(reports.map((r) => [r.source, r]))

  const spotReport = new SourceReport('data/curated/spots-curated.json', 'curated')
  const routeReport = new SourceReport('data/curated/routes.json', 'curated')
  const eventReport = new SourceReport('data/curated/events-*.json', 'curated')
  const schemeReport = new SourceReport('data/curated/schemes.json', 'curated')
  const rallyReport = new SourceReport('data/curated/rallies.json', 'curated')

  const feedSpots = keepValid(ruled.spots, SpotSchema, (s) => reportOf.get(s.source))
  const spots: Spot[] = [...feedSpots, ...curatedSpots(curated, region, spotReport)].sort(byId)
  applyEnglishNames(curated, spots)
  const romanized = applyTransliterations(spots)
  const hoursTally = applyOpeningHours(spots)
  const spotMap = new Map(spots.map((s) => [s.id, s]))
  const fixReport = new SourceReport('data/curated/point-fixes.json', 'curated')
  applyPointFixes(curated, spotMap, region, fixReport)
  const highlightReport = new SourceReport('data/curated/highlights.json', 'curated')
  applyHighlights(curated, spotMap, new Set(sources.map((s) => s.id)), highlightReport)
  const seasonReport = new SourceReport('data/curated/seasons.json', 'curated')
  applySeasons(curated, spotMap, new Set(sources.map((s) => s.id)), seasonReport)
  const feedEvents = keepValid(ruled.events, EventSchema, (e) => reportOf.get(e.source))
  const curatedEventList = curatedEvents(curated, ['events-seeds.json', 'events-annual.json'], region, eventReport)
  const events = placeEventsAtVenues([...feedEvents, ...curatedEventList], spots, (e) => ruled.eventAddresses.get(e.id), (e) => reportOf.get(e.source) ?? eventReport).sort(byId)
  const routes = curatedRoutes(curated, spotMap, region, routeReport).sort(byId)
  const schemes = curatedSchemes(curated, schemeReport).sort(byId)
  const organiserReport = new SourceReport('data/curated/rallies/*.json', 'curated')
  const fromOrganisers = organiserRallies(curated, municipalities, organiserReport)
  const rallies = [...curatedRallies(curated, spotMap, region, rallyReport), ...fromOrganisers.rallies].sort(byId)
  if (new Set(rallies.map((r) => r.id)).size !== rallies.length) throw new Error('two rallies share an id (data/curated/rallies.json and data/curated/rallies/)')
  reports.push(spotReport, fixReport, highlightReport, seasonReport, routeReport, eventReport, schemeReport, rallyReport, organiserReport)

  const raw = { sources: [...sources, ...fromOrganisers.sources].sort(byId), municipalities, spots, routes, events, schemes, rallies }
  const generatedAt = `${sources.map((s) => s.asOf).sort().at(-1)}T00:00:00.000Z`
  // Parse once so that every record's keys are in schema order (what the app's
  // validator hashes), then hash that canonical body.
  const parsed = v.parse(SnapshotSchema, JSON.parse(JSON.stringify({ schemaVersion: SCHEMA_VERSION, generatedAt, hash: '0'.repeat(64), ...raw })))
  const body: Partial<Snapshot> = { ...parsed }
  delete body.schemaVersion
  delete body.generatedAt
  delete body.hash
  const hash = await sha256Hex(canonicalBody(body as SnapshotBody))
  const snapshot = { schemaVersion: SCHEMA_VERSION, generatedAt, hash, ...body } as Snapshot
  await parseSnapshot(JSON.stringify(snapshot))
  return { snapshot, reports, hoursSummary: `${formatHoursTally(hoursTally)}\n${formatRomanizeTally(romanized)}` }
}

export function countsByMunicipality(snapshot: Snapshot): string {
  const lines = ['Records per municipality (spots / events / schemes / rally checkpoints):']
  for (const m of snapshot.municipalities) {
    const spots = snapshot.spots.filter((s) => s.municipality === m.code)
    const withPoint = spots.filter((s) => s.point).length
    const events = snapshot.events.filter((e) => e.municipality === m.code).length
    const schemes = snapshot.schemes.filter((s) => s.municipality === m.code).length
    const checkpoints = snapshot.rallies.flatMap((r) => r.checkpoints).filter((c) => c.municipality === m.code).length
    lines.push(`  ${m.code} ${m.name.ja.padEnd(6, '　')} spots ${spots.length} (${withPoint} with a trusted point), events ${events}, schemes ${schemes}, checkpoints ${checkpoints}`)
  }
  lines.push(`  region-wide schemes ${snapshot.schemes.filter((s) => s.municipality === 'region').length}; routes ${snapshot.routes.length}; rallies ${snapshot.rallies.length}; sources ${snapshot.sources.length}`)
  return lines.join('\n')
}

/** `--check FILE...`: the report for arbitrary CSVs; nothing is written. */
export async function check(paths: string[], boundaries = BOUNDARIES): Promise<{ text: string; exitCode: number }> {
  const region = new Region(loadMunicipalities(boundaries))
  const files = paths.map((path) => {
    const file = basename(path)
    const known = FEEDS.find((f) => f.file === file)
    return { path, cfg: known ?? { file, source: `check:${file}`, idPrefix: 'check', asOf: '1970-01-01' } }
  })
  const { drafts, reports, unreadable } = importFiles(files)
  applyRules(drafts, region)
  return { text: formatReports(reports, true), exitCode: unreadable > 0 ? 1 : 0 }
}

async function main(argv: string[]) {
  const at = argv.indexOf('--check')
  if (at >= 0) {
    const paths = argv.slice(at + 1)
    if (paths.length === 0) {
      console.error('usage: npm run snapshot -- --check FILE.csv [FILE.csv …]')
      process.exit(2)
    }
    const { text, exitCode } = await check(paths)
    console.log(text)
    process.exit(exitCode)
  }
  // --curated DIR / --out DIR: build from another curated folder into another place (tests, a trial run).
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined)
  const curatedDir = option('--curated')
  const { snapshot, reports, hoursSummary } = await buildSnapshot(curatedDir ? { curated: resolve(curatedDir) } : {})
  const out = resolve(option('--out') ?? resolve(root, 'public/data'))
  mkdirSync(out, { recursive: true })
  const json = JSON.stringify(snapshot)
  writeFileSync(resolve(out, 'snapshot.json'), json)
  const meta = { schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }
  writeFileSync(resolve(out, 'snapshot-meta.json'), JSON.stringify(meta) + '\n')
  console.log(formatReports(reports))
  console.log(countsByMunicipality(snapshot))
  console.log(hoursSummary)
  const { gzipSync } = await import('node:zlib')
  console.log(`snapshot written: ${snapshot.hash.slice(0, 12)}, ${Buffer.byteLength(json)} bytes (${gzipSync(json, { level: 9 }).length} gzipped)`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? `${error.message}\n${(error as { details?: string[] }).details?.join('\n') ?? ''}` : error)
    process.exit(1)
  })
}
