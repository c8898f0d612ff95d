/**
 * Fetch → validate → import. The network is only asked for the small meta
 * file; the full snapshot is downloaded only when its hash differs from the
 * one in IndexedDB. Nothing is written unless everything validated.
 */
import { SNAPSHOT_META_PATH, SNAPSHOT_PATH } from '@/domain/snapshot-constants'
import type { Snapshot } from '@/domain/snapshot-schema'
import type { SnapshotMeta } from './db'
import { getSnapshotMeta, replaceSnapshot, type ReplaceHooks } from './repositories/snapshot-repo'

export const SNAPSHOT_URL = `${import.meta.env.BASE_URL}${SNAPSHOT_PATH}`
export const SNAPSHOT_META_URL = `${import.meta.env.BASE_URL}${SNAPSHOT_META_PATH}`

export type LoadFailure = 'offline' | 'network' | 'invalid' | 'newerFormat' | 'storage'

export class SnapshotLoadError extends Error {
  readonly kind: LoadFailure
  override readonly cause?: unknown
  constructor(kind: LoadFailure, message: string, cause?: unknown) {
    super(message)
    this.name = 'SnapshotLoadError'
    this.kind = kind
    this.cause = cause
  }
}

/** How long a request may hang before it counts as "no connection" (weak signal): the small version file, and the snapshot. */
export const META_TIMEOUT_MS = 15_000
export const SNAPSHOT_TIMEOUT_MS = 90_000

/** A download with the checks every one gets (time limit, error status, a web page instead of data), read by `read`. */
async function fetchBody<T>(url: string, fetcher: typeof fetch, timeoutMs: number, read: (response: Response) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    let response: Response
    try {
      response = await fetcher(url, { cache: 'no-store', signal: controller.signal })
    } catch (error) {
      throw new SnapshotLoadError('offline', controller.signal.aborted ? `No answer from the server within ${timeoutMs / 1000} s.` : 'Could not reach the server.', error)
    }
    if (!response.ok) throw new SnapshotLoadError('network', `The server answered ${response.status} for ${url}.`)
    const type = response.headers.get('content-type') ?? ''
    if (type.includes('text/html')) throw new SnapshotLoadError('network', `The server answered a web page instead of data for ${url}.`)
    try {
      return await read(response)
    } catch (error) {
      throw new SnapshotLoadError('offline', controller.signal.aborted ? `No answer from the server within ${timeoutMs / 1000} s.` : 'The download was interrupted.', error)
    }
  } finally {
    clearTimeout(timer)
  }
}

const fetchText = (url: string, fetcher: typeof fetch, timeoutMs: number) => fetchBody(url, fetcher, timeoutMs, (response) => response.text())

export interface UpdateResult {
  status: 'imported' | 'unchanged'
  meta: SnapshotMeta
  /** The records just written (imported only): the page shows them without reading them back. */
  snapshot?: Snapshot
}

export interface UpdateOptions {
  fetcher?: typeof fetch
  hooks?: ReplaceHooks
  timeoutMs?: { meta: number; snapshot: number }
}

/**
 * The cheap half of an update: asks the server for the small version file. The stored data's meta when
 * it is current; null when the snapshot must be downloaded (nothing stored, or another version).
 */
export async function checkSnapshot(options: Pick<UpdateOptions, 'fetcher' | 'timeoutMs'> = {}): Promise<UpdateResult | null> {
  const fetcher = options.fetcher ?? globalThis.fetch.bind(globalThis)
  const current = await getSnapshotMeta()
  if (!current) return null
  const remote = await fetchText(SNAPSHOT_META_URL, fetcher, options.timeoutMs?.meta ?? META_TIMEOUT_MS)
  let remoteHash: unknown
  try {
    remoteHash = (JSON.parse(remote) as { hash?: unknown }).hash
  } catch (error) {
    throw new SnapshotLoadError('invalid', 'The data version file is damaged.', error)
  }
  return remoteHash === current.hash ? { status: 'unchanged', meta: current } : null
}

/** Check the server for a newer snapshot and import it atomically. */
export async function updateSnapshot(options: UpdateOptions = {}): Promise<UpdateResult> {
  const unchanged = await checkSnapshot(options)
  if (unchanged) return unchanged
  return storeSnapshot(await downloadSnapshot(options), options.hooks)
}

const snapshotUrl = () => `${SNAPSHOT_URL}?v=${Date.now()}`
const snapshotTimeout = (options: Pick<UpdateOptions, 'timeoutMs'>) => options.timeoutMs?.snapshot ?? SNAPSHOT_TIMEOUT_MS

/** The snapshot's text from the server (never a cached copy), with the checks, time limit and errors of every download. */
function fetchSnapshotText(options: Pick<UpdateOptions, 'fetcher' | 'timeoutMs'> = {}): Promise<string> {
  return fetchText(snapshotUrl(), options.fetcher ?? globalThis.fetch.bind(globalThis), snapshotTimeout(options))
}

/**
 * The snapshot's bytes, undecoded: what the page hands to the worker. Decoding ≈ 800 KB of UTF-8 (`text()`) was one
 * long task on the page (≈ 100 ms at 4× CPU slowdown); the worker decodes them instead.
 */
export function fetchSnapshotBytes(options: Pick<UpdateOptions, 'fetcher' | 'timeoutMs'> = {}): Promise<ArrayBuffer> {
  return fetchBody(snapshotUrl(), options.fetcher ?? globalThis.fetch.bind(globalThis), snapshotTimeout(options), (response) => response.arrayBuffer())
}

/**
 * The heavy half: download, parse, validate and hash the snapshot (no database: a worker can run it). `bytes`:
 * the snapshot already downloaded (a first visit's early download, early-snapshot.ts), so nothing is fetched; decoded
 * as UTF-8 as `Response.text()` decodes (a byte order mark dropped, a broken sequence replaced).
 */
export async function downloadSnapshot(options: Pick<UpdateOptions, 'fetcher' | 'timeoutMs'> & { bytes?: ArrayBuffer } = {}): Promise<Snapshot> {
  const text = options.bytes ? new TextDecoder().decode(options.bytes) : await fetchSnapshotText(options)
  // The validator is loaded only when there is something to validate (keeps the entry chunk small).
  const { parseSnapshot, SnapshotError } = await import('@/domain/snapshot-validate')
  try {
    return await parseSnapshot(text)
  } catch (error) {
    if (error instanceof SnapshotError) throw new SnapshotLoadError(error.code === 'newer-format' ? 'newerFormat' : 'invalid', error.message, error)
    throw error
  }
}

/** The write: one transaction that replaces the region's data (the person's own data is never touched). */
export async function storeSnapshot(snapshot: Snapshot, hooks?: ReplaceHooks): Promise<UpdateResult> {
  try {
    const meta = await replaceSnapshot(snapshot, hooks)
    return { status: 'imported', meta, snapshot }
  } catch (error) {
    throw new SnapshotLoadError('storage', error instanceof Error ? error.message : String(error), error)
  }
}
