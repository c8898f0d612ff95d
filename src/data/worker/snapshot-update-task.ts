/**
 * The worker's part of a snapshot import, as a message: download, parse, validate and hash (the CPU
 * work), answered with the validated snapshot, or with what failed in words the page turns back into
 * the same errors the main-thread path throws. The worker never opens the database: the page writes
 * the snapshot. (A worker holding IndexedDB that is cut off mid-work, because the page was left or
 * reloaded, left WebKit's IndexedDB blocked for the whole site; see BENCHMARKS.md.)
 *
 * The validated snapshot crosses to the page as JSON text, not as objects: a string is copied in one
 * piece, and the page's JSON.parse of it is several times faster than rebuilding the same ≈ 800 KB
 * object graph from a structured clone, which was one long task on the page (BENCHMARKS.md). One text per
 * part of the snapshot (its places, its events, its towns…): the page parses them a task apiece, since one
 * JSON.parse of the whole was still a long task on a slow phone (≈ 170 ms at 4× CPU slowdown).
 */
import type { Snapshot } from '@/domain/snapshot-schema'
import { downloadSnapshot, SnapshotLoadError, type LoadFailure, type UpdateOptions } from '../snapshot-loader'

/** `parts`: each of the snapshot's own keys, with its value as JSON text. */
export type DownloadReply = { ok: true; parts: Record<string, string> } | { ok: false; kind: LoadFailure; message: string }

/** What the page asks: download, or read the snapshot it already has (a first visit's early download, as bytes). */
export type DownloadRequest = { bytes?: ArrayBuffer }

export async function runDownload(options: Pick<UpdateOptions, 'fetcher'> & DownloadRequest = {}): Promise<DownloadReply> {
  try {
    const snapshot = await downloadSnapshot(options)
    return { ok: true, parts: Object.fromEntries(Object.entries(snapshot).map(([key, value]) => [key, JSON.stringify(value)])) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, kind: error instanceof SnapshotLoadError ? error.kind : 'invalid', message }
  }
}

/** Parts shorter than this are parsed together with the next one; a longer one ends its task. */
const PARSE_TASK_CHARS = 64 * 1024
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * The page's side: the snapshot (validated by the worker), or the error the main-thread path would have thrown.
 * Its parts are parsed a task at a time, so the page can paint and answer a tap in between.
 */
export async function fromReply(reply: DownloadReply): Promise<Snapshot> {
  if (!reply.ok) throw new SnapshotLoadError(reply.kind, reply.message)
  const snapshot: Record<string, unknown> = {}
  let chars = 0
  for (const [key, json] of Object.entries(reply.parts)) {
    if (chars > 0 && chars + json.length > PARSE_TASK_CHARS) {
      await nextTask()
      chars = 0
    }
    snapshot[key] = JSON.parse(json)
    chars += json.length
  }
  return snapshot as Snapshot
}
