/**
 * The snapshot check and import. The check (one small version file) runs on the page. When there is
 * something to import, the heavy part (the download and parse of ≈ 800 KB, validation and hash) runs
 * in a Web Worker where the browser has one, so it does not block the page; the page then writes the
 * validated snapshot in one transaction. The worker never touches IndexedDB (snapshot-update-task.ts).
 * Without a worker, or when it cannot start, the page does it all itself. On a first visit to a prerendered
 * page, the download itself has usually been started already, by the boot script (early-snapshot.ts).
 */
import type { Snapshot } from '@/domain/snapshot-schema'
import { checkSnapshot, downloadSnapshot, fetchSnapshotBytes, storeSnapshot, type UpdateOptions, type UpdateResult } from './snapshot-loader'
import { dropEarlySnapshot, hasEarlySnapshot, takeEarlySnapshot, type EarlySnapshot } from './early-snapshot'
import { fromReply, type DownloadReply, type DownloadRequest } from './worker/snapshot-update-task'

export type UpdatePath = 'worker' | 'main'
let lastPath: UpdatePath | null = null
/** Where the last download ran (shown to tests and the bench); null when there was nothing to download. */
export const lastUpdatePath = () => lastPath

function inWorker(request: DownloadRequest): Promise<DownloadReply | null> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./worker/snapshot-update.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      resolve(null)
      return
    }
    worker.onmessage = (event: MessageEvent<DownloadReply>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      resolve(null)
    }
    worker.postMessage(request)
  })
}

async function download(bytes: ArrayBuffer | null): Promise<Snapshot> {
  // Copied to the worker, not transferred: the page keeps them for its own path should the worker fail to start.
  const request: DownloadRequest = bytes === null ? {} : { bytes }
  if (typeof Worker !== 'undefined') {
    const reply = await inWorker(request)
    if (reply) {
      lastPath = 'worker'
      return await fromReply(reply)
    }
  }
  lastPath = 'main'
  return downloadSnapshot(request)
}

/** Where the last import's bytes came from: the boot script's early download, or a download of its own. */
let lastSource: 'early' | 'own' | null = null
export const lastDownloadSource = () => lastSource

/**
 * The early download's bytes, read as every snapshot download is (fetchSnapshotBytes: the same checks, time limit
 * and errors; the worker decodes them). Null when it was not started, or failed in a way a download of the import's own might not (an
 * error status, a web page instead of data, a broken connection): the caller then downloads itself. Running out
 * of time is not retried: it throws "offline", as the import's own download would after the same wait.
 */
export async function earlySnapshotBytes(early: EarlySnapshot | null, options: Pick<UpdateOptions, 'timeoutMs'> = {}): Promise<ArrayBuffer | null> {
  if (!early) return null
  // A fetcher that is the download already under way: the loader's time limit cancels it.
  const fetcher = ((_url: RequestInfo | URL, init?: RequestInit) => {
    init?.signal?.addEventListener('abort', () => early.controller.abort())
    return early.response
  }) as typeof fetch
  try {
    return await fetchSnapshotBytes({ ...options, fetcher })
  } catch (error) {
    if (early.controller.signal.aborted) throw error
    return null
  }
}

/** The early download read and validated (null: there was none, or it failed and the import downloads itself). */
let prepared: Promise<Snapshot | null> | null = null
function readEarly(): Promise<Snapshot | null> {
  return earlySnapshotBytes(takeEarlySnapshot()).then((bytes) => {
    if (bytes === null) return null
    lastSource = 'early'
    return download(bytes)
  })
}

/**
 * A first visit: the worker reads and validates the boot script's early download now, while the page is still
 * loading its code and rendering; the write waits for updateSnapshotOffThread. Does nothing without one.
 */
export function prepareFirstVisit() {
  if (prepared || !hasEarlySnapshot()) return
  lastPath = null
  lastSource = null
  prepared = readEarly()
  prepared.catch(() => undefined) // read by updateSnapshotOffThread
}

export async function updateSnapshotOffThread(): Promise<UpdateResult> {
  const early = prepared
  prepared = null
  if (!early) {
    lastPath = null
    lastSource = null
  }
  const unchanged = await checkSnapshot().catch((error: unknown) => {
    dropEarlySnapshot()
    throw error
  })
  if (unchanged) {
    dropEarlySnapshot()
    return unchanged
  }
  const snapshot = (await (early ?? readEarly())) ?? ((lastSource = 'own'), await download(null))
  return storeSnapshot(snapshot)
}
