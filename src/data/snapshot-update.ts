/**
 * The snapshot check and import. The check (one small version file) runs on the page. When there is
 * something to import, the heavy part (the download and parse of ≈ 800 KB, validation and hash) runs
 * in a Web Worker where the browser has one, so it does not block the page; the page then writes the
 * validated snapshot in one transaction. The worker never touches IndexedDB (snapshot-update-task.ts).
 * Without a worker, or when it cannot start, the page does it all itself.
 */
import type { Snapshot } from '@/domain/snapshot-schema'
import { checkSnapshot, downloadSnapshot, storeSnapshot, type UpdateResult } from './snapshot-loader'
import { fromReply, type DownloadReply } from './worker/snapshot-update-task'

export type UpdatePath = 'worker' | 'main'
let lastPath: UpdatePath | null = null
/** Where the last download ran (shown to tests and the bench); null when there was nothing to download. */
export const lastUpdatePath = () => lastPath

function inWorker(): Promise<DownloadReply | null> {
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
    worker.postMessage('download')
  })
}

async function download(): Promise<Snapshot> {
  if (typeof Worker !== 'undefined') {
    const reply = await inWorker()
    if (reply) {
      lastPath = 'worker'
      return fromReply(reply)
    }
  }
  lastPath = 'main'
  return downloadSnapshot()
}

export async function updateSnapshotOffThread(): Promise<UpdateResult> {
  lastPath = null
  const unchanged = await checkSnapshot()
  if (unchanged) return unchanged
  return storeSnapshot(await download())
}
