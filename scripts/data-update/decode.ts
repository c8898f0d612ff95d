/**
 * Feed bytes → text. Publishers ship UTF-8 (with or without BOM) or Shift_JIS / CP932.
 * The platform's WHATWG TextDecoder does the decoding (Node's full ICU has `shift_jis`,
 * which is the WHATWG name for Windows-31J / CP932); nothing is decoded by a hand-made table.
 */
export type FeedEncoding = 'utf-8' | 'shift_jis'

export function decodeFeed(bytes: Uint8Array): { text: string; encoding: FeedEncoding } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bom ? bytes.subarray(3) : bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' }
  }
}

/** How the repository keeps every feed: UTF-8 with a BOM (as the publishers' UTF-8 files come). */
export function encodeFeed(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}
