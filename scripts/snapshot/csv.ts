/**
 * Reading the open-data CSV files: UTF-8 with or without BOM, quoted multi-line
 * fields, headers matched after NFKC normalisation (publishers differ in
 * half/full-width brackets: 料金(基本) vs 料金（基本）).
 */
import { parse } from 'csv-parse/sync'

export type Row = Record<string, string>

export interface CsvTable {
  /** Headers after NFKC normalisation and trimming. */
  headers: string[]
  /** Rows keyed by normalised header; `line` is the 1-based line where the record starts. */
  rows: Array<{ line: number; values: Row; raw: string[] }>
}

export const nfkc = (s: string): string => s.normalize('NFKC').trim()

export function parseCsv(text: string | Buffer): CsvTable {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>
  if (records.length === 0) return { headers: [], rows: [] }
  const headers = records[0]!.record.map(nfkc)
  const rows = records.slice(1).map(({ record, info }) => {
    const values: Row = {}
    headers.forEach((h, i) => {
      if (h && !(h in values)) values[h] = (record[i] ?? '').replace(/\r\n?/g, '\n')
    })
    // The line where this record started (csv-parse reports the line where it ended).
    const extraLines = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0)
    return { line: info.lines - extraLines, values, raw: record }
  })
  return { headers, rows }
}

/** True when every field of the row is empty (trailing ",,,,," lines). */
export const isBlankRow = (raw: string[]): boolean => raw.every((f) => f.trim() === '')
