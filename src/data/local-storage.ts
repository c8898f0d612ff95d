/**
 * The few small marks the app keeps in localStorage beside IndexedDB (storage-keys: the stored snapshot's hash, the
 * language setting's copy), read synchronously at start. localStorage may be missing or refuse (a private mode,
 * storage turned off): a read then gives null and a write does nothing, and the app does without the mark.
 */
export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** Sets `key` to `value`, or removes it for null; nothing when it already holds that. */
export function writeLocal(key: string, value: string | null): void {
  try {
    if (localStorage.getItem(key) === value) return
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // No localStorage: the mark is not kept, which is only slower (see each mark).
  }
}
