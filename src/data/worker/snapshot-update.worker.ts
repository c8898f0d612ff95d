/**
 * The snapshot download off the main thread: fetch, parse, validate (the one valibot schema) and hash
 * run here; the page gets the validated snapshot (or what failed) and writes it. Answers one message
 * with one `DownloadReply`. The page started it because its check found the stored data out of date.
 */
import { runDownload } from './snapshot-update-task'

self.onmessage = async () => {
  self.postMessage(await runDownload())
}
