/**
 * npm run data:update — fetches every configured feed from its publisher's catalogue
 * (data/feeds/feeds.json), guards it, and rebuilds the snapshot from the last good copies.
 *
 *   - catalogue base URLs can be overridden with YUME_CATALOG_URL (mirrors, tests);
 *   - each file: a timeout and one retry, conditional requests with the validators kept in
 *     data/feeds/state.json, UTF-8 (± BOM) or Shift_JIS decoded, stored as UTF-8 with BOM;
 *   - guards per feed (scripts/data-update/guards.ts); a feed that fails keeps its last good
 *     copy and the run goes on with the others;
 *   - the snapshot is rebuilt from a staging copy and validated like the app does; only then are
 *     the new feeds, state, snapshot, meta and changelog written. If it fails, nothing is written.
 *
 * Exit code: 0 when nothing was refused or failed, 1 otherwise.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Snapshot } from '../../src/domain/snapshot-schema'
import { parseSnapshot } from '../../src/domain/snapshot-validate'
import { tokyoClock } from '../../src/domain/tokyo-clock'
import { BOUNDARIES, buildSnapshot, CURATED } from '../snapshot/build'
import { feedKey, feedsWithState, loadFeedsConfig, type FeedConfig, FEEDS_CONFIG_PATH } from '../snapshot/feeds'
import { loadMunicipalities } from '../snapshot/municipalities'
import { Region } from '../snapshot/region'
import { download, FetchError, packageShow, pickResource, type FetchOptions, type Validators } from './catalogue'
import { diffSnapshots, formatChangelog, type Changelog } from './changelog'
import { decodeFeed, encodeFeed } from './decode'
import { feedStats, guardFeed, type FeedStats } from './guards'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface FeedState extends Validators {
  sha256: string
  asOf: string
  fetchedAt: string
  resourceUrl: string
  encoding: string
}
export type StateFile = Record<string, FeedState>

export type FeedStatus = 'fetched' | 'unchanged' | 'refused' | 'failed' | 'not-configured'
export interface FeedOutcome {
  feed: string
  status: FeedStatus
  detail?: string
}

export interface UpdateOptions {
  feedsDir?: string
  configPath?: string
  statePath?: string
  outDir?: string
  curatedDir?: string
  boundaries?: string
  /** Overrides every catalogue's base URL (YUME_CATALOG_URL). */
  catalogUrl?: string
  fetch?: FetchOptions
  maxShrink?: number
  now?: Date
  /** The snapshot build (tests replace it to prove that an invalid result writes nothing). */
  build?: (feedsDir: string, feeds: FeedConfig[]) => Promise<Snapshot>
}

export interface UpdateResult {
  outcomes: FeedOutcome[]
  written: boolean
  changelog: Changelog | null
  error?: string
  exitCode: number
}

/**
 * The date the data was published, in Japan: CKAN's `last_modified` (the file), else `metadata_modified`;
 * its timestamps are UTC, often written without a zone.
 */
function dataDate(stamp: string | null | undefined, now: Date): string {
  const instant = stamp ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`) : now
  return tokyoClock(Number.isNaN(instant.getTime()) ? now : instant).date
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback
}

export async function runUpdate(options: UpdateOptions = {}): Promise<UpdateResult> {
  const feedsDir = options.feedsDir ?? resolve(root, 'data/feeds')
  const configPath = options.configPath ?? FEEDS_CONFIG_PATH
  const statePath = options.statePath ?? join(feedsDir, 'state.json')
  const outDir = options.outDir ?? resolve(root, 'public/data')
  const fetchOptions = options.fetch ?? { timeoutMs: 30_000, retries: 1 }
  const maxShrink = options.maxShrink ?? 0.3
  const now = options.now ?? new Date()
  const config = loadFeedsConfig(configPath)
  const state = readJson<StateFile>(statePath, {})
  const nextState: StateFile = { ...state }
  const region = new Region(loadMunicipalities(options.boundaries ?? BOUNDARIES))
  const outcomes: FeedOutcome[] = []
  const replaced = new Map<string, Buffer>()

  for (const feed of config.feeds) {
    const key = feedKey(feed)
    const catalogue = config.catalogues[feed.catalogue]!
    const base = options.catalogUrl ?? catalogue.base
    if (!feed.dataset.id || !base) {
      outcomes.push({ feed: key, status: 'not-configured', detail: !feed.dataset.id ? 'dataset id not confirmed (see data/feeds/feeds.json); committed copy kept' : `catalogue ${feed.catalogue} has no base URL` })
      continue
    }
    const lastPath = join(feedsDir, feed.publisher, feed.file)
    try {
      const resources = await packageShow(base, feed.dataset.id, fetchOptions)
      const resource = pickResource(resources, feed.resource)
      if (!resource) throw new FetchError(`dataset ${feed.dataset.id} has no resource matching ${JSON.stringify(feed.resource)}`)
      const prior = state[key]
      // Ask conditionally only while the committed copy is the one those validators describe.
      const lastBytes = existsSync(lastPath) ? readFileSync(lastPath) : null
      const trusted = prior?.resourceUrl === resource.url && !!lastBytes && sha256(lastBytes) === prior.sha256
      const result = await download(resource.url, trusted ? prior : {}, fetchOptions)
      if (result.status === 'unchanged') {
        outcomes.push({ feed: key, status: 'unchanged', detail: 'not modified (HTTP 304)' })
        continue
      }
      const { text, encoding } = decodeFeed(result.bytes)
      const bytes = encodeFeed(text)
      const last = lastBytes
      const lastText = last ? decodeFeed(last).text : null
      if (lastText === text) {
        outcomes.push({ feed: key, status: 'unchanged', detail: 'same content' })
        if (result.validators.etag !== prior?.etag || result.validators.lastModified !== prior?.lastModified) nextState[key] = { ...(prior ?? { asOf: feed.asOf, fetchedAt: now.toISOString(), encoding }), ...result.validators, sha256: sha256(last!), resourceUrl: resource.url } as FeedState
        continue
      }
      let next: FeedStats
      try {
        next = feedStats(text, feed, region)
      } catch (error) {
        outcomes.push({ feed: key, status: 'refused', detail: (error as Error).message.split('\n')[0] })
        continue
      }
      const lastStats = lastText !== null ? feedStats(lastText, feed, region) : null
      const refusal = guardFeed(next, lastStats, feed.layout, { maxShrink })
      if (refusal) {
        outcomes.push({ feed: key, status: 'refused', detail: refusal })
        continue
      }
      replaced.set(key, bytes)
      const asOf = dataDate(resource.last_modified ?? resource.metadata_modified, now)
      nextState[key] = { sha256: sha256(bytes), asOf, fetchedAt: now.toISOString(), resourceUrl: resource.url, encoding, ...result.validators }
      outcomes.push({ feed: key, status: 'fetched', detail: `${lastStats?.rows ?? 0} → ${next.rows} rows (${encoding})` })
    } catch (error) {
      outcomes.push({ feed: key, status: 'failed', detail: (error as Error).message })
    }
  }

  const exitCode = outcomes.some((o) => o.status === 'refused' || o.status === 'failed') ? 1 : 0
  const stateChanged = JSON.stringify(nextState) !== JSON.stringify(state)
  if (!replaced.size) {
    if (stateChanged) writeFileSync(statePath, JSON.stringify(nextState, null, 2) + '\n')
    return { outcomes, written: false, changelog: null, exitCode }
  }

  // Build from a staging copy: the last good feeds with the new ones in place.
  const staging = mkdtempSync(join(tmpdir(), 'yume-feeds-'))
  try {
    for (const feed of config.feeds) {
      const from = join(feedsDir, feed.publisher, feed.file)
      const to = join(staging, feed.publisher, feed.file)
      mkdirSync(dirname(to), { recursive: true })
      const bytes = replaced.get(feedKey(feed))
      if (bytes) writeFileSync(to, bytes)
      else if (existsSync(from)) cpSync(from, to)
    }
    const feeds = feedsWithState(config.feeds as FeedConfig[], nextState)
    const build = options.build ?? ((dir, list) => buildSnapshot({ feeds: dir, feedList: list, curated: options.curatedDir ?? CURATED, boundaries: options.boundaries }).then((r) => r.snapshot))
    let snapshot: Snapshot
    try {
      snapshot = await build(staging, feeds)
      await parseSnapshot(JSON.stringify(snapshot))
    } catch (error) {
      const message = (error as Error).message
      return { outcomes, written: false, changelog: null, error: `the new snapshot failed validation, nothing was written: ${message}`, exitCode: 1 }
    }
    const previousPath = join(outDir, 'snapshot.json')
    const previous = existsSync(previousPath) ? (JSON.parse(readFileSync(previousPath, 'utf8')) as Snapshot) : null
    const changelog = diffSnapshots(previous, snapshot)
    // Snapshot first, feeds and state last: a run stopped half-way leaves feeds that differ from
    // what the catalogue serves, so the next run fetches and rebuilds again.
    mkdirSync(outDir, { recursive: true })
    writeFileSync(previousPath, JSON.stringify(snapshot))
    writeFileSync(join(outDir, 'snapshot-meta.json'), JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }) + '\n')
    writeFileSync(join(outDir, 'changelog.json'), JSON.stringify({ ...changelog, at: now.toISOString() }, null, 1) + '\n')
    for (const [key, bytes] of replaced) {
      mkdirSync(dirname(join(feedsDir, key)), { recursive: true })
      writeFileSync(join(feedsDir, key), bytes)
    }
    writeFileSync(statePath, JSON.stringify(nextState, null, 2) + '\n')
    return { outcomes, written: true, changelog, exitCode }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

export function formatOutcomes(result: UpdateResult): string {
  const lines = ['Data update:']
  for (const o of result.outcomes) lines.push(`  ${o.status.padEnd(14)} ${o.feed}${o.detail ? `  — ${o.detail}` : ''}`)
  const count = (s: FeedStatus) => result.outcomes.filter((o) => o.status === s).length
  lines.push(`  fetched ${count('fetched')}, unchanged ${count('unchanged')}, refused ${count('refused')}, failed ${count('failed')}, not configured ${count('not-configured')}`)
  if (result.error) lines.push(`  ERROR: ${result.error}`)
  lines.push(result.written ? '  snapshot rebuilt and written (public/data/snapshot.json, snapshot-meta.json, changelog.json)' : '  snapshot not rewritten')
  if (result.changelog) lines.push(formatChangelog(result.changelog))
  return lines.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runUpdate({ catalogUrl: process.env.YUME_CATALOG_URL || undefined })
    .then((result) => {
      console.log(formatOutcomes(result))
      process.exit(result.exitCode)
    })
    .catch((error) => {
      console.error(`data:update failed: ${(error as Error).message}`)
      process.exit(1)
    })
}
