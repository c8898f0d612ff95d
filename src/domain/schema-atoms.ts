/**
 * Small valibot pieces shared by the snapshot schema and the person's files (trips), in a module of their own:
 * the trips store is on the map route's first screen, and importing these from snapshot-schema.ts built the
 * whole snapshot schema there, on the main thread, before the page could answer (issue 18).
 */
import * as v from 'valibot'

export const IsoDateSchema = v.pipe(v.string(), v.isoDate('is not a date (YYYY-MM-DD)'))
