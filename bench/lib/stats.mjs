/** Small statistics helpers: medians and percentiles of run samples. */
export function quantile(values, q) {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b)
  if (!sorted.length) return null
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}
export const median = (values) => quantile(values, 0.5)
export const p95 = (values) => quantile(values, 0.95)
export const round = (value, digits = 2) => (value == null ? null : Math.round(value * 10 ** digits) / 10 ** digits)
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : round(a / b, 2))
