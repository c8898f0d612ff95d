/**
 * What to tell a person about keeping their data on this device, by platform (pure).
 *
 * iOS Safari deletes everything a site stored after 7 days of use without a visit, unless the
 * site was added to the Home Screen, and grants persistent storage only there; Safari, the Home
 * Screen app and in-app browsers keep separate data. Chromium can install the app
 * (beforeinstallprompt). Elsewhere, a backup is the answer when the browser does not protect it.
 */
export type PersistState = 'granted' | 'not-granted' | 'unsupported' | 'unknown'
export type KeepAdvice = 'ios' | 'install' | 'other' | null

export interface KeepContext {
  /** Running as an installed app (display-mode standalone, or iOS navigator.standalone). */
  standalone: boolean
  ios: boolean
  /** The browser offered to install the app (beforeinstallprompt kept). */
  installable: boolean
  persist: PersistState
  /** The person has stamps or favourites worth keeping. */
  hasData: boolean
}

export function keepAdvice(c: KeepContext): KeepAdvice {
  if (c.standalone || !c.hasData) return null
  if (c.ios) return 'ios'
  if (c.installable) return 'install'
  return c.persist === 'not-granted' ? 'other' : null
}

/** An iPhone, iPod or iPad (iPadOS reports itself as a Mac with touch). */
export function isIos(userAgent: string, platform: string, maxTouchPoints: number): boolean {
  return /iPad|iPhone|iPod/.test(userAgent) || (platform === 'MacIntel' && maxTouchPoints > 1)
}

/** A reminder to back up: new stamps since the last backup, data not protected, not dismissed at this count. */
export function needsBackupReminder(c: { persist: PersistState; unsavedStamps: number; stamps: number; dismissedAtStamps: number | null }): boolean {
  return c.persist !== 'granted' && c.unsavedStamps > 0 && (c.dismissedAtStamps === null || c.stamps > c.dismissedAtStamps)
}
