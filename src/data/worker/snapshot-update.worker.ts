/**
 * The snapshot download off the main thread: fetch, parse, validate (the one valibot schema) and hash
 * run here; the page gets the validated snapshot (or what failed) and writes it. Answers one message
 * with one `DownloadReply`. The page started it because its check found the stored data out of date (or
 * there was none). The message may carry the snapshot's bytes, already downloaded: then nothing is fetched, and
 * they are decoded here, not on the page.
 */
import { runDownload, type DownloadRequest } from './snapshot-update-task'

self.onmessage = async (event: MessageEvent<DownloadRequest | undefined>) => {
  const bytes = event.data?.bytes
  self.postMessage(await runDownload(bytes === undefined ? {} : { bytes }))
}
