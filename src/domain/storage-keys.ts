/**
 * Every name the app stores the person's data under, in one place: the IndexedDB database, the
 * settings' keys and the one old localStorage key still read (saved map areas, copied once).
 * Settings whose key starts with `device.` describe this device and never go into a backup.
 */
export const DB_NAME = 'yume-kairo'

export const SETTING = {
  locale: 'locale',
  livingAnswers: 'living.answers',
  livingSavedResults: 'living.savedResults',
  /** My trips (旅のしおり), JSON: the person's data, in the backup and the transfer like the rest. */
  trips: 'trips',
  /** When the last backup file was made or a transfer sent, on this device (ISO timestamp). */
  lastBackupAt: 'device.lastBackupAt',
  /** The old localStorage saved areas have been copied into IndexedDB. */
  legacyAreasCopied: 'device.legacyAreasCopied',
  /** Persistent storage was asked for (once, at the first stamp or favourite). */
  persistAsked: 'device.persistAsked',
  /** The "keep your data on this device" notice was dismissed. */
  keepNoticeDismissed: 'device.keepNoticeDismissed',
  /** The stamps count when the backup reminder was last dismissed. */
  backupReminderDismissedAt: 'device.backupReminderDismissedAt',
} as const

export const isDeviceSetting = (key: string) => key.startsWith('device.')

/** localStorage (first versions): the saved map areas' metadata. Read once, then left alone. */
export const LEGACY_SAVED_AREAS_KEY = 'yume-kairo.map.saved-areas'

/**
 * localStorage: the hash of the last snapshot written to IndexedDB on this device ('1' from versions before
 * 2026-12-06). A prerendered page's boot script reads it (synchronously, before the app's code is there): without
 * it, this is a first visit, and the script starts the snapshot's download at once (src/data/early-snapshot.ts).
 * When it is the hash of the snapshot the page was built from, the page's first screen shows the stored records
 * (domain/first-screen).
 */
export const SNAPSHOT_STORED_KEY = 'yume-kairo.snapshot.stored'
/**
 * localStorage: a copy of the locale setting on this device ('' when none was chosen), read synchronously at start:
 * the first render need not wait for IndexedDB to open (its slowest step on a cold start). The setting in IndexedDB
 * stays the truth: read right after, it wins and refreshes the copy (src/modules/i18n.ts).
 */
export const LOCALE_COPY_KEY = 'yume-kairo.locale'
/** The global under which the boot script leaves that early download for the app. */
export const EARLY_SNAPSHOT_GLOBAL = '__yumeEarlySnapshot'
