/**
 * One search index over spots, events, routes and schemes, built once per
 * snapshot revision (never per keystroke).
 *
 * Every record's text is folded once (search-normalize.ts) and concatenated
 * into one string; a query is a few `indexOf` calls over it plus a binary
 * search from a hit position back to its record. Names (ja, en, kana reading)
 * rank before descriptions and addresses; a name that starts with the query
 * ranks first. Pure: no Vue.
 */
import type { Localized, Municipality, RegionEvent, Route, Scheme, Spot } from './snapshot-schema'
import { normalizeForSearch, queryTerms } from './search-normalize'

export const SEARCH_KINDS = ['spot', 'event', 'route', 'scheme'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export interface SearchDoc {
  kind: SearchKind
  id: string
  /** Names: ja, en, kana reading. */
  names: readonly (string | undefined)[]
  /** Other searchable text: description, address, venue, municipality name. */
  texts: readonly (string | undefined)[]
}

export interface SearchHit {
  kind: SearchKind
  id: string
  /** 0: a name starts with the query; 1: a name contains it; 2: other text contains it. */
  rank: 0 | 1 | 2
}

export interface SearchResults {
  /** Best hits per kind, at most `limit` each. */
  groups: Record<SearchKind, SearchHit[]>
  /** All matching records per kind (before the limit). */
  counts: Record<SearchKind, number>
  total: number
}

export interface SearchIndex {
  readonly size: number
  search(query: string, limit?: number): SearchResults
}

const DOC_SEP = '\u0001'
const NAME_SEP = '\u0002'
const TEXT_SEP = '\u0003'

function emptyGroups<T>(make: () => T): Record<SearchKind, T> {
  return { spot: make(), event: make(), route: make(), scheme: make() }
}

export function buildSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  const kinds: SearchKind[] = []
  const ids: string[] = []
  const names: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const parts: string[] = []
  let offset = 0
  for (const doc of docs) {
    const name = doc.names.filter(Boolean).map((n) => normalizeForSearch(n!)).join(NAME_SEP)
    const text = doc.texts.filter(Boolean).map((n) => normalizeForSearch(n!)).join(TEXT_SEP)
    const segment = `${DOC_SEP}${name}${TEXT_SEP}${text}`
    kinds.push(doc.kind)
    ids.push(doc.id)
    names.push(name)
    starts.push(offset)
    offset += segment.length
    ends.push(offset)
    parts.push(segment)
  }
  const haystack = parts.join('')
  const startArr = Int32Array.from(starts)

  /** Index of the record whose segment contains `pos`. */
  function docAt(pos: number): number {
    let lo = 0
    let hi = startArr.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (startArr[mid]! <= pos) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** Rank from the hit position alone when the query is one term (the common case while typing). */
  function rankAt(doc: number, pos: number): 0 | 1 | 2 {
    const nameStart = startArr[doc]! + 1
    if (pos >= nameStart + names[doc]!.length) return 2
    return pos === nameStart || haystack.charCodeAt(pos - 1) === 2 ? 0 : 1
  }

  function rankOf(doc: number, terms: string[]): 0 | 1 | 2 {
    const name = names[doc]!
    if (!terms.every((t) => name.includes(t))) return 2
    const first = terms[0]!
    return name.startsWith(first) || name.includes(NAME_SEP + first) ? 0 : 1
  }

  return {
    size: docs.length,
    search(query: string, limit = 20): SearchResults {
      const groups = emptyGroups<SearchHit[]>(() => [])
      const counts = emptyGroups(() => 0)
      const terms = queryTerms(query)
      if (!terms.length || !docs.length) return { groups, counts, total: 0 }
      // Scan for the longest term (fewest hits); check the others inside each hit's record.
      const anchor = terms.reduce((a, b) => (b.length > a.length ? b : a))
      const others = terms.filter((t) => t !== anchor)
      const buckets = emptyGroups<[SearchHit[], SearchHit[], SearchHit[]]>(() => [[], [], []])
      let pos = haystack.indexOf(anchor)
      while (pos >= 0) {
        const doc = docAt(pos)
        const end = ends[doc]!
        if (!others.length || others.every((t) => haystack.slice(startArr[doc]!, end).includes(t))) {
          const kind = kinds[doc]!
          // A single term's first hit in a record is its earliest, so a name hit is found before a text hit.
          const rank = others.length ? rankOf(doc, terms) : rankAt(doc, pos)
          counts[kind]++
          const bucket = buckets[kind][rank]
          if (bucket.length < limit) bucket.push({ kind, id: ids[doc]!, rank })
        }
        pos = haystack.indexOf(anchor, end)
      }
      let total = 0
      for (const kind of SEARCH_KINDS) {
        groups[kind] = buckets[kind].flat().slice(0, limit)
        total += counts[kind]
      }
      return { groups, counts, total }
    },
  }
}

export interface SearchableRecords {
  municipalities: readonly Municipality[]
  spots: readonly Spot[]
  events: readonly RegionEvent[]
  routes: readonly Route[]
  schemes: readonly Scheme[]
}

const loc = (value: Localized | undefined): string[] => (value ? [value.ja, value.en ?? ''] : [])

/** The documents of a snapshot's records, in the order spots, events, routes, schemes. */
export function searchDocs(records: SearchableRecords): SearchDoc[] {
  const town = new Map(records.municipalities.map((m) => [m.code as string, m.name]))
  const docs: SearchDoc[] = []
  for (const s of records.spots) {
    docs.push({ kind: 'spot', id: s.id, names: [s.name.ja, s.name.en, s.name.latn, s.kana], texts: [...loc(town.get(s.municipality)), s.address, ...loc(s.description)] })
  }
  for (const e of records.events) {
    docs.push({ kind: 'event', id: e.id, names: [e.name.ja, e.name.en], texts: [...loc(town.get(e.municipality)), ...loc(e.venue), ...loc(e.description)] })
  }
  for (const r of records.routes) {
    docs.push({ kind: 'route', id: r.id, names: [r.name.ja, r.name.en], texts: [...r.stops.flatMap((s) => loc(s.name)), ...loc(r.description)] })
  }
  for (const s of records.schemes) {
    docs.push({ kind: 'scheme', id: s.id, names: [s.name.ja, s.name.en], texts: [...loc(town.get(s.municipality)), ...loc(s.summary), ...loc(s.benefit)] })
  }
  return docs
}

export function buildRecordsIndex(records: SearchableRecords): SearchIndex {
  return buildSearchIndex(searchDocs(records))
}

/** The baseline the benchmark compares against: fold every record's text on every query. */
export function naiveSearch(docs: readonly SearchDoc[], query: string): SearchHit[] {
  const terms = queryTerms(query)
  if (!terms.length) return []
  const hits: SearchHit[] = []
  for (const doc of docs) {
    const name = doc.names.filter(Boolean).map((n) => normalizeForSearch(n!)).join(NAME_SEP)
    const text = `${name}${TEXT_SEP}${doc.texts.filter(Boolean).map((n) => normalizeForSearch(n!)).join(TEXT_SEP)}`
    if (terms.every((t) => text.includes(t))) hits.push({ kind: doc.kind, id: doc.id, rank: terms.every((t) => name.includes(t)) ? 1 : 2 })
  }
  return hits
}
