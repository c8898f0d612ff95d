/**
 * The guards a fetched feed must pass before it replaces the last good copy:
 * it parses completely, its layout is still the expected one, its row count did not
 * fall by more than `maxShrink` against the last good copy, and the share of rows the
 * region rules keep did not collapse (to less than half of the last good share).
 */
import { parseCsv } from '../snapshot/csv'
import { importCsv, type FileConfig } from '../snapshot/importers'
import { detectLayout, type LayoutId } from '../snapshot/layouts'
import type { Region } from '../snapshot/region'
import { SourceReport } from '../snapshot/report'
import { applyRules } from '../snapshot/rules'

export interface FeedStats {
  rows: number
  kept: number
  layout: LayoutId
}

/** Rows, rows kept by the region rules, and the layout; throws with a plain reason when the file cannot be read. */
export function feedStats(text: string, cfg: FileConfig, region: Region): FeedStats {
  let table
  try {
    table = parseCsv(text)
  } catch (error) {
    throw new Error(`does not parse completely: ${(error as Error).message}`)
  }
  const layout = detectLayout(cfg.file, table.headers)
  const report = new SourceReport(cfg.file, cfg.source)
  const drafts = importCsv(text, cfg, report).map((draft) => ({ draft, report }))
  applyRules(drafts, region)
  return { rows: table.rows.filter((r) => r.raw.some((f) => f.trim() !== '')).length, kept: report.kept, layout: layout.id }
}

export interface GuardOptions {
  /** Largest allowed fall in rows against the last good copy (0.3 = 30 %). */
  maxShrink: number
}

/** null when the new copy may replace the last good one, else the reason it may not. */
export function guardFeed(next: FeedStats, last: FeedStats | null, expectedLayout: LayoutId, { maxShrink }: GuardOptions): string | null {
  if (next.layout !== expectedLayout) return `layout changed: expected ${expectedLayout}, found ${next.layout}`
  if (next.rows === 0) return 'no rows'
  if (!last) return null
  if (next.rows < last.rows * (1 - maxShrink)) return `rows fell from ${last.rows} to ${next.rows} (more than ${Math.round(maxShrink * 100)} %)`
  const share = (s: FeedStats) => (s.rows ? s.kept / s.rows : 0)
  if (share(last) > 0 && share(next) < share(last) / 2) return `share of rows kept collapsed from ${Math.round(share(last) * 100)} % to ${Math.round(share(next) * 100)} %`
  return null
}
