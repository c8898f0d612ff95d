/** Links from data are rendered only as tel:, mailto: or https: URLs; anything else gives undefined. */
export function safeHref(kind: 'tel' | 'mailto' | 'https', value: string | undefined): string | undefined {
  if (!value) return undefined
  if (kind === 'tel') return /^\+?[0-9][0-9-]{5,15}$/.test(value) ? `tel:${value}` : undefined
  if (kind === 'mailto') return /^[^\s@:/?#]+@[^\s@:/?#]+\.[^\s@:/?#]+$/.test(value) ? `mailto:${value}` : undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}
