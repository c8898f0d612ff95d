/**
 * The snapshot's fixed vocabularies and limits, as plain constants: screens
 * import these without pulling the validator (valibot) into the first load.
 */

/** Major version the code understands. A snapshot with another major is refused. */
export const SCHEMA_MAJOR = 1
/**
 * 1.1.0: spots may carry structured `openingHours`.
 * 1.2.0: events may name the spot they are held at (`venueSpotId`).
 * 1.3.0: a spot's name may carry `latn`, a Hepburn transliteration of its published kana reading;
 *        a spot may carry `highlight` (an editorial must-see pick with its reason and source).
 * 1.4.0: a spot may carry `season` (the months its source names, with the reason and source).
 * 1.5.0: a rally checkpoint may say how visitors check in there (`methods`: gps, qr).
 */
export const SCHEMA_VERSION = '1.5.0'

/** Where the snapshot and its small version file are, under the site's base (the loader and the boot script). */
export const SNAPSHOT_PATH = 'data/snapshot.json'
export const SNAPSHOT_META_PATH = 'data/snapshot-meta.json'

/** Bounding box of the seven municipalities, with a margin (sea, islands of 萩市). */
export const REGION_BOUNDS = { south: 33.85, north: 34.85, west: 130.85, east: 132.05 } as const

export const MUNICIPALITY_CODES = ['35203', '35202', '35204', '35206', '35213', '35216', '32501'] as const
export type MunicipalityCode = (typeof MUNICIPALITY_CODES)[number]

export const SPOT_CATEGORIES = ['nature', 'history', 'culture', 'onsen', 'food', 'shopping', 'experience', 'facility', 'other'] as const
export const EVENT_CATEGORIES = ['festival', 'culture', 'sports', 'food', 'nature', 'migration', 'business', 'other'] as const
export const SCHEME_CATEGORIES = ['housing', 'work', 'business', 'childcare', 'services', 'consultation'] as const
export const AUDIENCES = ['anyone', 'movers', 'residents', 'families', 'young', 'students', 'businesses', 'jobseekers'] as const
export const HOUSEHOLDS = ['single', 'couple', 'children'] as const
export const WORK_STYLES = ['employed', 'telework', 'startup', 'succession', 'jobhunting', 'student'] as const
export const AGE_BANDS = ['u30', '30s', '40s', '50s', '60plus'] as const
