/**
 * Importers: one CSV file → record drafts (before the region rules decide the
 * municipality and whether the point is trusted).
 */
import { MUNICIPALITY_CODES, type EventDate, type MunicipalityCode, type Point, type RegionEvent, type Spot } from '../../src/domain/snapshot-schema'
import { eventCategory, spotCategory } from './categories'
import { isBlankRow, nfkc, parseCsv, type Row } from './csv'
import { detectLayout, type Layout } from './layouts'
import { idPart, localized, parseDate, parsePhone, parsePoint, parseTime, parseUrl, text } from './normalize'
import { municipalityFromAddress, municipalityInText, type AddressMunicipality } from './region'
import type { SourceReport } from './report'

export interface FileConfig {
  /** File name (for the report). */
  file: string
  source: string
  idPrefix: string
  asOf: string
}

interface DraftBase {
  /** Row reference for the report: `file:line`. */
  ref: string
  name: string
  address?: string
  /** Municipality from the address text. */
  addressMunicipality: AddressMunicipality
  /** Municipality stated by the row's own columns (市区町村名, a municipality code) or implied by the file. */
  statedMunicipality: AddressMunicipality
  rawPoint?: Point
  pointReason?: string
  /** Report notes ([reason, example]); written to the report only if the record is kept. */
  notes: Array<[string, string]>
}

export interface SpotDraft extends DraftBase {
  kind: 'spot'
  record: Omit<Spot, 'municipality' | 'point'>
}

export interface EventDraft extends DraftBase {
  kind: 'event'
  record: Omit<RegionEvent, 'municipality' | 'point'>
}

export type Draft = SpotDraft | EventDraft

const get = (row: Row, ...names: string[]): string => {
  for (const n of names) {
    const value = row[n]
    if (value !== undefined && value.trim() !== '') return value.replace(/\r\n?/g, '\n').trim()
  }
  return ''
}

/** A 6-digit 全国地方公共団体コード (with check digit) or 5-digit code → one of the 7, 'outside', or undefined. */
function municipalityFromCode(input: string): AddressMunicipality {
  const s = nfkc(input)
  if (!/^\d{5,6}$/.test(s)) return undefined
  const code = s.slice(0, 5)
  if ((MUNICIPALITY_CODES as readonly string[]).includes(code)) return code as MunicipalityCode
  return code.endsWith('000') || code.endsWith('0001') ? undefined : 'outside'
}

function stated(row: Row): AddressMunicipality {
  return (
    municipalityFromAddress(get(row, '市区町村名', '所在地_市区町村')) ??
    municipalityFromAddress(get(row, '地方公共団体名')) ??
    municipalityFromCode(get(row, '都道府県コード又は市区町村コード', '全国地方公共団体コード', '所在地_全国地方公共団体コード'))
  )
}

/** 641.csv's barrier-free flag columns (自治体標準): the ones marked (〇/○/可/有) become a list. */
const BARRIER_FREE_FLAGS = [
  '車椅子可', '車椅子貸出', 'ツエ貸出', 'バリアフリートイレ', 'スロープ、エレベータ、エスカレータ', '点字ブロック等の移動支援', '点字や読上による支援',
  '盲導犬・介助犬、聴導犬同伴', '字幕', '筆談対応', '優先駐車場', 'オストメイト対応トイレ', '授乳室', 'おむつ替えコーナー', 'ベビーカー貸出', 'ベビーカー利用',
]
const FLAG_EN: Record<string, string> = {
  車椅子可: 'wheelchair accessible', 車椅子貸出: 'wheelchairs to borrow', ツエ貸出: 'walking sticks to borrow', バリアフリートイレ: 'accessible toilet',
  'スロープ、エレベータ、エスカレータ': 'ramps / lifts / escalators', 点字ブロック等の移動支援: 'tactile paving', 点字や読上による支援: 'braille / read-aloud support',
  '盲導犬・介助犬、聴導犬同伴': 'assistance dogs welcome', 字幕: 'subtitles', 筆談対応: 'written communication', 優先駐車場: 'priority parking',
  オストメイト対応トイレ: 'ostomate toilet', 授乳室: 'nursing room', おむつ替えコーナー: 'nappy-changing corner', ベビーカー貸出: 'pushchairs to borrow', ベビーカー利用: 'pushchairs welcome',
}

function barrierFree(row: Row): { ja: string; en?: string } | undefined {
  const free = text(get(row, 'バリアフリー情報'))
  const flags = BARRIER_FREE_FLAGS.filter((f) => /^(〇|○|◯|可|有|あり|1|true)$/i.test(nfkc(row[f] ?? '')))
  if (!free && flags.length === 0) return undefined
  if (!free) return { ja: flags.join('・'), en: flags.map((f) => FLAG_EN[f]).join(', ') }
  return { ja: text(free, flags.length ? flags.join('・') : undefined)! }
}

function hoursText(row: Row): string | undefined {
  const days = get(row, '利用可能曜日')
  const start = get(row, '開始時間')
  const end = get(row, '終了時間')
  const span = start || end ? `${start}～${end}`.replace(/^～|～$/, '') : ''
  const main = [days, span].filter(Boolean).join(' ')
  return text(main, get(row, '利用可能日時特記事項'), get(row, 'eigyoujikan'))
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k]
  return o
}

function spotFromRow(row: Row, line: number, cfg: FileConfig, layout: Layout, report: SourceReport): SpotDraft | undefined {
  const ube = layout.id === 'ube-kankospot'
  const name = get(row, '名称', 'title')
  const ref = `${cfg.file}:${line}`
  if (!name) {
    report.drop('no name', ref)
    return undefined
  }
  const key = idPart(get(row, 'ID', 'NO', 'id')) ?? `l${line}`
  const notes: Array<[string, string]> = []
  let address = ube ? get(row, 'adress') : text(get(row, '住所', '所在地_連結表記'), get(row, '方書', '建物名等(方書)'))?.replace(/\n/g, ' ')
  // kankospot addresses leave out 「山口県宇部市」: the file is 宇部市's own.
  if (ube && address && !municipalityFromAddress(address)) address = `山口県宇部市${address}`
  const { point, reason } = parsePoint(get(row, '緯度'), get(row, '経度'))
  const { url, reason: urlReason } = parseUrl(get(row, 'URL'))
  if (urlReason) notes.push([urlReason, `${name} (${ref})`])
  const phoneText = get(row, '連絡先電話番号', 'phone')
  const phone = parsePhone(phoneText)
  if (phoneText && !phone) notes.push(['phone not a number, left out', `${name}: ${phoneText}`])
  const fees = text(get(row, '料金(基本)', 'price'), get(row, '料金(詳細)'))
  const record = clean({
    id: `${cfg.idPrefix}-${key}`,
    category: spotCategory(name),
    name: localized(name, get(row, '名称_英語'))!,
    kana: get(row, '名称_カナ') || undefined,
    description: localized(text(get(row, '説明', 'text')), text(get(row, '説明_英語'))),
    address: address || undefined,
    hours: localized(hoursText(row)),
    closed: localized(text(get(row, 'holiday'))),
    fees: localized(fees),
    access: localized(text(get(row, 'アクセス方法', 'trafficdata'))),
    parking: localized(text(get(row, '駐車場情報', 'parking'))),
    barrierFree: barrierFree(row),
    phone,
    url,
    source: cfg.source,
    sourceRef: `${cfg.file} ${ube ? 'id' : layout.id === 'tourism-standard' ? 'ID' : 'NO'} ${get(row, 'ID', 'NO', 'id') || `line ${line}`}`,
    asOf: cfg.asOf,
  })
  return {
    kind: 'spot',
    ref,
    name,
    address,
    // 「山頭火生家跡（防府市八王子二丁目）」: no leading municipality, but one is named in the text.
    addressMunicipality: municipalityFromAddress(address) ?? municipalityInText(address),
    statedMunicipality: ube ? '35202' : stated(row),
    rawPoint: point,
    pointReason: reason,
    notes,
    record,
  }
}

function importSpots(rows: ReturnType<typeof parseCsv>['rows'], cfg: FileConfig, layout: Layout, report: SourceReport): SpotDraft[] {
  const drafts: SpotDraft[] = []
  for (const { line, values, raw } of rows) {
    report.read++
    if (isBlankRow(raw)) {
      report.drop('empty row', `line ${line}`)
      continue
    }
    // kankospot.csv: a line break inside an unquoted 説明 splits one record in two;
    // the second part starts with text instead of a numeric id.
    if (layout.id === 'ube-kankospot' && !/^\d+$/.test(nfkc(values.id ?? ''))) {
      const prev = drafts.at(-1)
      const continuation = (raw[0] ?? '').replace(/^"+|"+$/g, '').trim()
      if (prev && continuation) {
        const desc = text(prev.record.description?.ja, continuation)!
        prev.record.description = { ja: desc }
        prev.notes.push(['record broken by an unquoted line break: text merged, the shifted fields after the break ignored', `${prev.name} (${prev.ref})`])
      }
      report.drop('continuation of the previous row (line break inside an unquoted field), merged into it', `line ${line}: ${continuation.slice(0, 30)}`)
      continue
    }
    const draft = spotFromRow(values, line, cfg, layout, report)
    if (draft) drafts.push(draft)
  }
  return drafts
}

function importEvents(rows: ReturnType<typeof parseCsv>['rows'], cfg: FileConfig, report: SourceReport): EventDraft[] {
  // Group one-row-per-date events: rows with the same 番号 (NO), or the same name at the same place, are one event.
  const live = rows.filter(({ line, raw }) => {
    report.read++
    if (isBlankRow(raw)) {
      report.drop('empty row', `line ${line}`)
      return false
    }
    return true
  })
  const parent = live.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
  const firstBy = new Map<string, number>()
  live.forEach(({ values }, i) => {
    const no = nfkc(get(values, 'NO', 'ID'))
    const name = nfkc(get(values, 'イベント名')).replace(/\s+/g, '')
    // The same name at the same place is the same event; two 「つつじまつり」 in different towns are not.
    const place = nfkc(get(values, '場所名称') || get(values, '住所', '所在地_連結表記')).replace(/\s+/g, '')
    for (const k of [no && `no:${no}`, name && `name:${name}|${place}`]) {
      if (!k) continue
      const j = firstBy.get(k)
      if (j === undefined) firstBy.set(k, i)
      else parent[find(i)] = find(j)
    }
  })
  const groups = new Map<number, typeof live>()
  live.forEach((r, i) => {
    const root = find(i)
    const list = groups.get(root) ?? []
    list.push(r)
    groups.set(root, list)
  })

  const drafts: EventDraft[] = []
  for (const group of [...groups.values()].sort((a, b) => a[0]!.line - b[0]!.line)) {
    const first = group[0]!
    const row = first.values
    const ref = `${cfg.file}:${first.line}`
    const name = get(row, 'イベント名')
    if (!name) {
      for (const r of group) report.drop('no event name', `line ${r.line}`)
      continue
    }
    const notes: Array<[string, string]> = []
    if (group.length > 1) {
      for (const r of group.slice(1)) report.drop('another date of an event already read (grouped into one event)', `${name} (line ${r.line})`)
      notes.push(['rows grouped into one event with several dates', `${name}: ${group.length} rows`])
    }
    const dates: EventDate[] = []
    const dateNotes: string[] = []
    for (const r of group) {
      const start = parseDate(get(r.values, '開始日'))
      const end = parseDate(get(r.values, '終了日'))
      if (start?.ok) {
        const d: EventDate = { start: start.date }
        if (end?.ok && end.date > start.date) d.end = end.date
        const st = parseTime(get(r.values, '開始時間'))
        const et = parseTime(get(r.values, '終了時間'))
        if (st) d.startTime = st
        if (et) d.endTime = et
        if (end && !end.ok) dateNotes.push(`～${end.note}`)
        dates.push(d)
      } else if (start && !start.ok) {
        dateNotes.push(end && !end.ok && end.note !== start.note ? `${start.note}～${end.note}` : start.note)
        notes.push([`date kept as text: ${start.reason}`, `${name}: ${get(r.values, '開始日')}`])
      }
      const special = text(get(r.values, '開始日時特記事項'))
      if (special && !dateNotes.includes(special)) dateNotes.push(special)
    }
    const uniqueDates = [...new Map(dates.map((d) => [JSON.stringify(d), d])).values()].sort((a, b) => a.start.localeCompare(b.start) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
    if (uniqueDates.length === 0 && dateNotes.length === 0) {
      report.drop('no date at all (開始日 and 開始日時特記事項 empty)', `${name} (${ref})`)
      continue
    }
    const address = text(get(row, '住所', '所在地_連結表記'), get(row, '方書', '建物名等(方書)'))?.replace(/\n/g, ' ')
    const venue = text(get(row, '場所名称'))
    const { point, reason } = parsePoint(get(row, '緯度'), get(row, '経度'))
    const { url, reason: urlReason } = parseUrl(get(row, 'URL'))
    if (urlReason) notes.push([urlReason, `${name} (${ref})`])
    const phoneText = get(row, '連絡先電話番号')
    const phone = parsePhone(phoneText)
    if (phoneText && !phone) notes.push(['phone not a number, left out', `${name}: ${phoneText}`])
    const description = group.map((r) => text(get(r.values, '説明'))).find(Boolean)
    const key = idPart(get(row, 'NO', 'ID')) ?? `l${first.line}`
    const record = clean({
      id: `${cfg.idPrefix}-${key}`,
      category: eventCategory(name, description),
      name: localized(name, get(row, 'イベント名_英語'))!,
      description: localized(description),
      dates: uniqueDates,
      dateNote: localized(dateNotes.length ? dateNotes.join('\n') : undefined),
      venue: localized(venue && venue.length <= 500 ? venue : venue?.slice(0, 500)),
      fees: localized(text(get(row, '料金(基本)'), get(row, '料金(詳細)'))),
      organizer: localized(text(get(row, '主催者'))?.slice(0, 500)),
      phone,
      url,
      source: cfg.source,
      sourceRef: `${cfg.file} NO ${group.map((r) => get(r.values, 'NO', 'ID')).filter((x, i, a) => x && a.indexOf(x) === i).join(', ') || `line ${first.line}`}`.slice(0, 500),
      asOf: cfg.asOf,
    })
    drafts.push({
      kind: 'event',
      ref,
      name,
      address,
      // Address first, then a municipality named in the venue or the event name (「山陽小野田市高校サッカーフェスティバル」).
      addressMunicipality: municipalityFromAddress(address) ?? municipalityInText(venue) ?? municipalityInText(name),
      statedMunicipality: stated(row),
      rawPoint: point,
      pointReason: reason,
      notes,
      record,
    })
  }
  return drafts
}

/** Reads one CSV file (text already loaded) into drafts; throws LayoutError on an unknown layout. */
export function importCsv(content: string | Buffer, cfg: FileConfig, report: SourceReport): Draft[] {
  const table = parseCsv(content)
  const layout = detectLayout(cfg.file, table.headers)
  report.layout = layout.label
  return layout.kind === 'event' ? importEvents(table.rows, cfg, report) : importSpots(table.rows, cfg, layout, report)
}
