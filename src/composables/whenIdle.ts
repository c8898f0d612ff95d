/**
 * After the page's own work: an idle moment, or the next task where the browser has no idle callback (iPhones).
 * `timeoutMs`: the longest wait for an idle moment.
 */
export function whenIdle(run: () => void, timeoutMs = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: timeoutMs })
  else setTimeout(run, 0)
}
