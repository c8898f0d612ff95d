/**
 * The worker's part of a snapshot import, as a message: download, parse, validate and hash (the CPU
 * work), answered with the validated snapshot, or with what failed in words the page turns back into
 * the same errors the main-thread path throws. The worker never opens the database: the page writes
 * the snapshot. (A worker holding IndexedDB that is cut off mid-work, because the page was left or
 * reloaded, left WebKit's IndexedDB blocked for the whole site; see BENCHMARKS.md.)
 *
 * The validated snapshot crosses to the page as JSON text, not as objects: a string is copied in one
 * piece, and the page's JSON.parse of it is several times faster than rebuilding the same ≈ 800 KB
 * object graph from a structured clone, which was one long task on the page (BENCHMARKS.md).
 */
import type { Snapshot } from '@/domain/snapshot-schema'
import { downloadSnapshot, SnapshotLoadError, type LoadFailure, type UpdateOptions } from '../snapshot-loader'

export type DownloadReply = { ok: true; json: string } | { ok: false; kind: LoadFailure; message: string }

/** What the page asks: download, or read the snapshot it already has (a first visit's early download, as bytes). */
export type DownloadRequest = { bytes?: ArrayBuffer }

export async function runDownload(options: Pick<UpdateOptions, 'fetcher'> & DownloadRequest = {}): Promise<DownloadReply> {
  try {
    return { ok: true, json: JSON.stringify(await downloadSnapshot(options)) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, kind: error instanceof SnapshotLoadError ? error.kind : 'invalid', message }
  }
}

/** The page's side: the snapshot (validated by the worker), or the error the main-thread path would have thrown. */
export function fromReply(reply: DownloadReply): Snapshot {
  if (reply.ok) return JSON.parse(reply.json) as Snapshot
  throw new SnapshotLoadError(reply.kind, reply.message)
}
