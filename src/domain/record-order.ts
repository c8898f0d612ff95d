/**
 * The region's records in the order IndexedDB gives them: by key (`code` for towns, `id` otherwise),
 * compared by UTF-16 code units as IndexedDB compares string keys. Records taken straight from an
 * import are put in this order, so a list reads the same on the first visit as on every later one.
 */
import type { BodyKey } from './snapshot-keys'
import { compareCodeUnits as byKey } from './text-order'
import type { Snapshot } from './snapshot-schema'

export type SnapshotRecords = Pick<Snapshot, BodyKey>

/** Records in their stored order, by id. */
export const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => byKey(a.id, b.id))

export function inKeyOrder(body: SnapshotRecords): SnapshotRecords {
  return {
    sources: byId(body.sources),
    municipalities: [...body.municipalities].sort((a, b) => byKey(a.code, b.code)),
    spots: byId(body.spots),
    routes: byId(body.routes),
    events: byId(body.events),
    schemes: byId(body.schemes),
    rallies: byId(body.rallies),
  }
}
