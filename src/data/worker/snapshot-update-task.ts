/**
 * The worker's part of a snapshot import, as a message: download, parse, validate and hash (the CPU
 * work), answered with the validated snapshot, or with what failed in words the page turns back into
 * the same errors the main-thread path throws. The worker never opens the database: the page writes
 * the snapshot in one transaction. (A worker holding IndexedDB that is cut off mid-work, because the
 * page was left or reloaded, left WebKit's IndexedDB blocked for the whole site; see BENCHMARKS.md.)
 */
import type { Snapshot } from '@/domain/snapshot-schema'
import { downloadSnapshot, SnapshotLoadError, type LoadFailure, type UpdateOptions } from '../snapshot-loader'

export type DownloadReply = { ok: true; snapshot: Snapshot } | { ok: false; kind: LoadFailure; message: string }

export async function runDownload(options: Pick<UpdateOptions, 'fetcher'> = {}): Promise<DownloadReply> {
  try {
    return { ok: true, snapshot: await downloadSnapshot(options) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, kind: error instanceof SnapshotLoadError ? error.kind : 'invalid', message }
  }
}

/** The page's side: the snapshot, or the error the main-thread path would have thrown. */
export function fromReply(reply: DownloadReply): Snapshot {
  if (reply.ok) return reply.snapshot
  throw new SnapshotLoadError(reply.kind, reply.message)
}
