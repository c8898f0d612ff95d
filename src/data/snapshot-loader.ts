/**
 * Fetch → validate → import. The network is only asked for the small meta
 * file; the full snapshot is downloaded only when its hash differs from the
 * one in IndexedDB. Nothing is written unless everything validated.
 */
import type { SnapshotMeta } from './db'
import { getSnapshotMeta, replaceSnapshot, type ReplaceHooks } from './repositories/snapshot-repo'

export const SNAPSHOT_URL = `${import.meta.env.BASE_URL}data/snapshot.json`
export const SNAPSHOT_META_URL = `${import.meta.env.BASE_URL}data/snapshot-meta.json`

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

async function fetchText(url: string, fetcher: typeof fetch, timeoutMs: number): Promise<string> {
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
      return await response.text()
    } catch (error) {
      throw new SnapshotLoadError('offline', controller.signal.aborted ? `No answer from the server within ${timeoutMs / 1000} s.` : 'The download was interrupted.', error)
    }
  } finally {
    clearTimeout(timer)
  }
}

export interface UpdateResult {
  status: 'imported' | 'unchanged'
  meta: SnapshotMeta
}

/** Check the server for a newer snapshot and import it atomically. */
export async function updateSnapshot(options: { fetcher?: typeof fetch; hooks?: ReplaceHooks; timeoutMs?: { meta: number; snapshot: number } } = {}): Promise<UpdateResult> {
  const fetcher = options.fetcher ?? globalThis.fetch.bind(globalThis)
  const current = await getSnapshotMeta()
  if (current) {
    const remote = await fetchText(SNAPSHOT_META_URL, fetcher, options.timeoutMs?.meta ?? META_TIMEOUT_MS)
    let remoteHash: unknown
    try {
      remoteHash = (JSON.parse(remote) as { hash?: unknown }).hash
    } catch (error) {
      throw new SnapshotLoadError('invalid', 'The data version file is damaged.', error)
    }
    if (remoteHash === current.hash) return { status: 'unchanged', meta: current }
  }
  const text = await fetchText(`${SNAPSHOT_URL}?v=${Date.now()}`, fetcher, options.timeoutMs?.snapshot ?? SNAPSHOT_TIMEOUT_MS)
  // The validator is loaded only when there is something to validate (keeps the entry chunk small).
  const { parseSnapshot, SnapshotError } = await import('@/domain/snapshot-validate')
  let snapshot
  try {
    snapshot = await parseSnapshot(text)
  } catch (error) {
    if (error instanceof SnapshotError) throw new SnapshotLoadError(error.code === 'newer-format' ? 'newerFormat' : 'invalid', error.message, error)
    throw error
  }
  try {
    const meta = await replaceSnapshot(snapshot, options.hooks)
    return { status: 'imported', meta }
  } catch (error) {
    throw new SnapshotLoadError('storage', error instanceof Error ? error.message : String(error), error)
  }
}
