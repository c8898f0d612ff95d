/**
 * The only way an href from data reaches the page: https:, tel: and mailto:
 * links pass, everything else (javascript:, data:, http:, relative paths,
 * protocol-relative //host) is dropped and the text is shown without a link.
 */
export const SAFE_LINK_SCHEMES = ['https:', 'tel:', 'mailto:'] as const

/** The href to render, or undefined when the value must not become a link. */
export function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  // Control characters and whitespace inside a scheme are how filters get bypassed ("java\tscript:").
  if (!trimmed || /[\u0000-\u001f\u007f]/.test(trimmed)) return undefined
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if (!(SAFE_LINK_SCHEMES as readonly string[]).includes(url.protocol)) return undefined
  if (url.protocol === 'https:' && (!url.hostname || url.username || url.password)) return undefined
  return url.href
}

/** A tel: link for a phone number as written in data ("083-922-1111"), or undefined if it has no digits. */
export function telHref(phone: unknown): string | undefined {
  // Only phone-like text becomes a link (digits, +, spaces, brackets, hyphens incl. full-width ones).
  if (typeof phone !== 'string' || !/^[+＋]?[\d０-９\s()（）\-‐－−ー]+$/.test(phone.trim())) return undefined
  const digits = phone.normalize('NFKC').replace(/[^\d+]/g, '')
  if (!/\d/.test(digits) || digits.length > 20) return undefined
  return safeHref(`tel:${digits}`)
}

/** A mailto: link for an e-mail address from data, or undefined. */
export function mailtoHref(email: unknown): string | undefined {
  if (typeof email !== 'string' || !/^[^\s@:/?#]+@[^\s@:/?#]+\.[^\s@:/?#]+$/.test(email.trim())) return undefined
  return safeHref(`mailto:${email.trim()}`)
}
