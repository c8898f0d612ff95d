import { downloadBlob } from './useFileSave'

/** Save text as a file through the browser's download (works offline; no network). */
export function useDownload() {
  return (fileName: string, text: string, type: string) => downloadBlob(new Blob([text], { type }), fileName)
}
