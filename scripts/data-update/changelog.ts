/** What a data update changed: records added, removed and changed, per source and kind. */
import type { Snapshot } from '../../src/domain/snapshot-schema'

const KINDS = ['spots', 'events', 'routes', 'schemes', 'rallies'] as const
type Kind = (typeof KINDS)[number]

export interface SourceChanges {
  source: string
  kind: Kind
  added: string[]
  removed: string[]
  changed: string[]
}

export interface Changelog {
  from: string | null
  to: string
  changes: SourceChanges[]
}

export function diffSnapshots(before: Snapshot | null, after: Snapshot): Changelog {
  const changes: SourceChanges[] = []
  for (const kind of KINDS) {
    const old = new Map((before?.[kind] ?? []).map((r) => [r.id, r as { id: string; source: string }]))
    const now = new Map(after[kind].map((r) => [r.id, r as { id: string; source: string }]))
    const bySource = new Map<string, SourceChanges>()
    const entry = (source: string) => {
      let e = bySource.get(source)
      if (!e) bySource.set(source, (e = { source, kind, added: [], removed: [], changed: [] }))
      return e
    }
    for (const [id, r] of now) {
      const was = old.get(id)
      if (!was) entry(r.source).added.push(id)
      else if (JSON.stringify({ ...was, asOf: undefined }) !== JSON.stringify({ ...r, asOf: undefined })) entry(r.source).changed.push(id) // a refreshed as-of date alone is no change
    }
    for (const [id, r] of old) if (!now.has(id)) entry(r.source).removed.push(id)
    changes.push(...[...bySource.values()].sort((a, b) => a.source.localeCompare(b.source)))
  }
  return { from: before?.hash ?? null, to: after.hash, changes }
}

export function formatChangelog(log: Changelog): string {
  if (!log.changes.length) return 'Changelog: no record changed.'
  const lines = ['Changelog (records added / removed / changed):']
  for (const c of log.changes) lines.push(`  ${c.source} ${c.kind}: +${c.added.length} −${c.removed.length} ~${c.changed.length}${c.added.length ? `  (new: ${c.added.slice(0, 5).join(', ')}${c.added.length > 5 ? ' …' : ''})` : ''}`)
  return lines.join('\n')
}
