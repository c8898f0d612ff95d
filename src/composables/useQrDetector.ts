/**
 * A QR code reader: the browser's BarcodeDetector where it reads QR codes,
 * otherwise the `barcode-detector` ponyfill (ZXing compiled to WebAssembly).
 * The wasm file is bundled as our own asset (precached by the service worker),
 * never fetched from a CDN, so scanning works offline. Import this module
 * dynamically: it must not be part of the entry chunk.
 */
export interface QrReader {
  detect(source: ImageBitmapSource): Promise<string[]>
}

interface DetectorLike {
  detect(source: ImageBitmapSource): Promise<Array<{ rawValue: string }>>
}
interface DetectorClass {
  new (options?: { formats: string[] }): DetectorLike
  getSupportedFormats(): Promise<string[]>
}

async function nativeDetector(): Promise<DetectorLike | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector
  if (!Native) return null
  try {
    return (await Native.getSupportedFormats()).includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null
  } catch {
    return null
  }
}

async function wasmDetector(): Promise<DetectorLike> {
  const [{ BarcodeDetector, setZXingModuleOverrides }, { default: wasmUrl }] = await Promise.all([import('barcode-detector/ponyfill'), import('zxing-wasm/reader/zxing_reader.wasm?url')])
  // Default is a CDN (jsdelivr); point ZXing at the copy we serve and precache.
  setZXingModuleOverrides({ locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) })
  return new BarcodeDetector({ formats: ['qr_code'] })
}

let reader: Promise<QrReader> | null = null
export function getQrReader(): Promise<QrReader> {
  reader ??= (async () => {
    const detector = (await nativeDetector()) ?? (await wasmDetector())
    return { detect: async (source) => (await detector.detect(source)).map((b) => b.rawValue) }
  })()
  reader.catch(() => (reader = null))
  return reader
}
