/**
 * Getting something out of the app, offline: a file through the browser's download, a file through
 * the share sheet where the device can share files (else the download), or a link through the share
 * sheet (else copied). One composable for every screen that exports (backup, calendar, certificate,
 * event link); `outcome` drives a visible confirmation.
 */
import { ref } from 'vue'

export type ShareOutcome = 'shared' | 'copied' | 'failed' | 'cancelled'

/** Save a file the person can keep, through a download link (works offline; no network). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function canShareFile(file: File): boolean {
  return typeof navigator.share === 'function' && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })
}

/** Resolves false when sharing is not possible or failed (not when the person cancelled). */
export async function shareFile(file: File, title: string): Promise<boolean> {
  if (!canShareFile(file)) return false
  try {
    await navigator.share({ files: [file], title })
    return true
  } catch (error) {
    return error instanceof DOMException && error.name === 'AbortError'
  }
}

export function useExport() {
  const outcome = ref<ShareOutcome | null>(null)
  const url = ref('')
  /** Text as a file through the browser's download. */
  const download = (fileName: string, text: string, type: string) => downloadBlob(new Blob([text], { type }), fileName)
  /** The share sheet where files can be shared, otherwise (or when sharing fails) the download. */
  async function shareOrDownload(file: File, title: string): Promise<void> {
    if (!(await shareFile(file, title))) downloadBlob(file, file.name)
  }
  /** A link through the share sheet when the device has one, else copied to the clipboard. */
  async function shareLink(data: { title: string; url: string }) {
    url.value = data.url
    outcome.value = null
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share(data)
        outcome.value = 'shared'
        return
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') {
          outcome.value = 'cancelled'
          return
        }
      }
    }
    try {
      await navigator.clipboard.writeText(data.url)
      outcome.value = 'copied'
    } catch {
      outcome.value = 'failed'
    }
  }
  return { download, shareOrDownload, shareLink, canShareFile, outcome, url }
}
