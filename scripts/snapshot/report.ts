/** The per-source report every run prints: read / kept / dropped, with reasons. */

export class SourceReport {
  read = 0
  kept = 0
  readonly dropped = new Map<string, string[]>()
  readonly notes = new Map<string, string[]>()
  layout = ''
  error?: string

  constructor(
    readonly file: string,
    public source: string,
  ) {}

  drop(reason: string, example: string): void {
    const list = this.dropped.get(reason) ?? []
    list.push(example)
    this.dropped.set(reason, list)
  }

  note(reason: string, example: string): void {
    const list = this.notes.get(reason) ?? []
    list.push(example)
    this.notes.set(reason, list)
  }

  get droppedCount(): number {
    let n = 0
    for (const list of this.dropped.values()) n += list.length
    return n
  }

  toJSON() {
    const counts = (m: Map<string, string[]>) => Object.fromEntries([...m].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([k, v]) => [k, v.length]))
    return { file: this.file, source: this.source, layout: this.layout, read: this.read, kept: this.kept, dropped: this.droppedCount, dropReasons: counts(this.dropped), notes: counts(this.notes), ...(this.error ? { error: this.error } : {}) }
  }
}

const EXAMPLES = 3

function section(title: string, map: Map<string, string[]>, verbose: boolean): string[] {
  const lines: string[] = []
  const entries = [...map].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
  if (entries.length) lines.push(`    ${title}:`)
  for (const [reason, list] of entries) {
    const shown = verbose ? list : list.slice(0, EXAMPLES)
    const more = list.length > shown.length ? `, … ${list.length - shown.length} more` : ''
    lines.push(`      ${String(list.length).padStart(4)}  ${reason}  (${shown.join('; ')}${more})`)
  }
  return lines
}

export function formatReports(reports: SourceReport[], verbose = false): string {
  const lines: string[] = ['Per-source report (read / kept / dropped):']
  for (const r of reports) {
    lines.push(`  ${r.file}  →  ${r.source}${r.layout ? `  [${r.layout}]` : ''}`)
    if (r.error) {
      lines.push(`    ERROR: ${r.error.split('\n').join('\n    ')}`)
      continue
    }
    lines.push(`    read ${r.read}, kept ${r.kept}, dropped ${r.droppedCount}`)
    lines.push(...section('dropped', r.dropped, verbose))
    lines.push(...section('kept with notes', r.notes, verbose))
  }
  return lines.join('\n')
}
