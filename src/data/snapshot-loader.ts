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

async function fetchText(url: string, fetcher: typeof fetch): Promise<string> {
  let response: Response
  try {
    response = await fetcher(url, { cache: 'no-store' })
  } catch (error) {
    throw new SnapshotLoadError('offline', 'Could not reach the server.', error)
  }
  if (!response.ok) throw new SnapshotLoadError('network', `The server answered ${response.status} for ${url}.`)
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('text/html')) throw new SnapshotLoadError('network', `The server answered a web page instead of data for ${url}.`)
  return response.text()
}

export interface UpdateResult {
  status: 'imported' | 'unchanged'
  meta: SnapshotMeta
}

/** Check the server for a newer snapshot and import it atomically. */
export async function updateSnapshot(options: { fetcher?: typeof fetch; hooks?: ReplaceHooks } = {}): Promise<UpdateResult> {
  const fetcher = options.fetcher ?? globalThis.fetch.bind(globalThis)
  const current = await getSnapshotMeta()
  if (current) {
    const remote = await fetchText(SNAPSHOT_META_URL, fetcher)
    let remoteHash: unknown
    try {
      remoteHash = (JSON.parse(remote) as { hash?: unknown }).hash
    } catch (error) {
      throw new SnapshotLoadError('invalid', 'The data version file is damaged.', error)
    }
    if (remoteHash === current.hash) return { status: 'unchanged', meta: current }
  }
  const text = await fetchText(`${SNAPSHOT_URL}?v=${Date.now()}`, fetcher)
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
