/**
 * Turns a spot's published opening-hours text (and closed-days text) into the
 * structured OpeningHours of the snapshot — only when every line of it is
 * understood. Anything else (要予約, 不定休, 上旬, notes with ※, sub-facility
 * hours, days the text does not account for) returns a reason instead, and the
 * app shows the text alone: telling someone a place is open when it is closed
 * is worse than not saying.
 */
import * as v from 'valibot'
import { OpeningHoursSchema, type OpeningHours } from '../../src/domain/snapshot-schema'

type Rule = OpeningHours['rules'][number]
type Closed = OpeningHours['closed'][number]
type Months = { from: number; to: number }

export type HoursParse = { ok: true; hours: OpeningHours } | { ok: false; reason: string }

const DAY_CHARS = '日月火水木金土'
const dayOf = (c: string) => DAY_CHARS.indexOf(c)
const pad = (n: number | string) => String(n).padStart(2, '0')
const hhmm = (t: string) => {
  const [h = '', m = ''] = t.split(':')
  return `${pad(h)}:${m}`
}
/** A real clock time: 00:00–23:59, and 24:00 as a closing time only. */
const validTime = (t: string, closing: boolean) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t) || (closing && t === '24:00')
const md = (m: string | number, d: string | number) => `${pad(m)}-${pad(d)}`

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[〜~]/g, '~')
    .replace(/から/g, '~')
    .replace(/[ \t]+/g, ' ')
}

const LABEL = /^\[?(開館時間|案内時間|利用時間|営業時間|時間|休館日|休業日|休園日|定休日|休日|休業)\]?\s*[:/]?\s*(.*)$/
const CLOSED_LABELS = new Set(['休館日', '休業日', '休園日', '定休日', '休日', '休業'])
const IGNORED = /^(?:受付|入館|入場|最終受付)は?\s*\d{1,2}:\d{2}\s*(?:まで)?$/

const MONTHS = String.raw`(\d{1,2})月?~(\d{1,2})月`
const TIMES = String.raw`\d{1,2}:\d{2}\s*~\s*\d{1,2}:\d{2}(?:\s*[、,]\s*\d{1,2}:\d{2}\s*~\s*\d{1,2}:\d{2})*`
const HOURS_UNIT = new RegExp(
  String.raw`[\s、,/]*(?:<${MONTHS}>|${MONTHS})?\s*(平日|土日祝日?|土日|日曜日?|[月火水木金土日]{2,7})?\s*(${TIMES})\s*(?:\((?:${MONTHS}|(\d{1,2})月)\))?\s*(?:\((?:入場|入館|受付)は?\s*\d{1,2}:\d{2}\s*(?:まで)?\))?[\s、,/]*`,
  'y',
)

function monthRange(from?: string, to?: string): Months | undefined {
  if (!from || !to) return undefined
  const m = { from: Number(from), to: Number(to) }
  if (m.from < 1 || m.from > 12 || m.to < 1 || m.to > 12) throw new Error(`month out of range: ${from}~${to}`)
  return m.from === 1 && m.to === 12 ? undefined : m
}

function dayList(spec: string | undefined): { days: number[]; holidays?: true } {
  if (!spec) return { days: [0, 1, 2, 3, 4, 5, 6] }
  if (spec === '平日') return { days: [1, 2, 3, 4, 5] }
  if (spec.startsWith('土日祝')) return { days: [0, 6], holidays: true }
  if (spec === '土日') return { days: [0, 6] }
  if (spec.startsWith('日曜')) return { days: [0] }
  return { days: [...spec].map(dayOf).sort((a, b) => a - b) }
}

/** One line of hours ("4月~10月 8:00~17:00(入場は16:30まで)/11月~3月 …"); null when not fully understood. */
export function parseHoursLine(content: string): { rules: Rule[]; explicitDays: boolean } | null {
  const rules: Rule[] = []
  let explicitDays = false
  HOURS_UNIT.lastIndex = 0
  while (HOURS_UNIT.lastIndex < content.length) {
    const m = HOURS_UNIT.exec(content)
    if (!m) return null
    const [, a1, a2, b1, b2, daySpec, times, c1, c2, single] = m
    if ((a1 ?? b1) && (c1 ?? single)) return null // months both before and after the times: which applies is unclear
    const months = monthRange(a1 ?? b1 ?? c1 ?? single, a2 ?? b2 ?? c2 ?? single)
    if (daySpec) explicitDays = true
    const periods = [...(times ?? '').matchAll(/(\d{1,2}:\d{2})\s*~\s*(\d{1,2}:\d{2})/g)].map(([, open, close]) => ({ open: hhmm(open!), close: hhmm(close!) }))
    if (periods.some((p) => !validTime(p.open, false) || !validTime(p.close, true) || p.open >= p.close)) return null
    rules.push({ ...(months ? { months } : {}), ...dayList(daySpec), times: periods })
  }
  return rules.length ? { rules, explicitDays } : null
}

const HOLIDAY_SHIFT = /\((?:[月火水木金土日]曜日?が)?(?:休日または)?祝(?:祭)?日(?:の場合|の時)は(?:その)?翌(?:平)?日\)$/
const MONTHS_SUFFIX = new RegExp(String.raw`\(${MONTHS}\)$`)

/** One closed-days statement ("毎週火曜日(祝日の場合は翌日)、12月29日~1月3日"); null when not fully understood. */
export function parseClosedLine(text: string): { closed: Closed[]; stated: true } | null {
  const content = text.replace(/^原則として/, '').replace(/(?:は)?(?:定休日|休館|閉館)。?$/, '').replace(/。$/, '').trim()
  if (/^(?:年中)?無休$/.test(content)) return { closed: [], stated: true }
  const closed: Closed[] = []
  for (const group of content.split(/[、,]/).map((g) => g.trim())) {
    if (!group) continue
    let rest = group
    let ifHoliday: 'open' | 'next-day' | undefined
    let months: Months | undefined
    if (HOLIDAY_SHIFT.test(rest)) {
      // 翌平日 after a Friday or Saturday closure skips the weekend: not modelled, so not structured.
      if (/翌平日/.test(rest) && /^(?:毎週)?[金土]/.test(rest)) return null
      ifHoliday = 'next-day'
      rest = rest.replace(HOLIDAY_SHIFT, '')
    }
    const mm = MONTHS_SUFFIX.exec(rest)
    if (mm) {
      months = monthRange(mm[1], mm[2])
      rest = rest.replace(MONTHS_SUFFIX, '')
    }
    if (rest.startsWith('祝日以外の')) {
      ifHoliday = 'open'
      rest = rest.slice('祝日以外の'.length)
    }
    const parts = rest.split('・').map((p) => p.trim())
    const weekdayParts = parts.filter((p) => /^(?:毎週)?[月火水木金土日](?:曜日?)?$/.test(p))
    if (ifHoliday === 'next-day' && weekdayParts.length !== 1) return null // "水・木曜日(祝日の場合は翌日)": which day moves is ambiguous
    if ((ifHoliday || months) && weekdayParts.length !== parts.length) return null
    for (const part of parts) {
      const entry = closedEntry(part)
      if (!entry) return null
      for (const e of entry) {
        if (e.type === 'weekday') closed.push({ ...e, ...(months ? { months } : {}), ...(ifHoliday ? { ifHoliday } : {}) })
        else closed.push(e)
      }
    }
  }
  return closed.length ? { closed, stated: true } : null
}

function closedEntry(part: string): Closed[] | null {
  let m: RegExpExecArray | null
  if ((m = /^(?:毎週)?([月火水木金土日])(?:曜日?)?$/.exec(part))) return [{ type: 'weekday', day: dayOf(m[1]!) }]
  if (part === '土日') return [{ type: 'weekday', day: 6 }, { type: 'weekday', day: 0 }]
  if ((m = /^(?:毎週|毎月)?第(\d)(?:[.・](\d))?([月火水木金土日])曜日?$/.exec(part))) {
    const nth = [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]
    return nth.every((n) => n >= 1 && n <= 5) ? [{ type: 'nth-weekday', nth, day: dayOf(m[3]!) }] : null
  }
  if (/^(?:国民の)?祝(?:祭)?日$/.test(part)) return [{ type: 'holidays' }]
  if (/^(?:国民の)?祝(?:祭)?日の翌日$/.test(part)) return [{ type: 'day-after-holiday' }]
  if (part === '年末年始') return [{ type: 'uncertain', from: '12-28', to: '01-04' }]
  if ((m = /^年末年始\((.+)\)$/.exec(part))) return closedEntry(m[1]!)
  if ((m = /^(\d{1,2})[/月](\d{1,2})日?(?:~(?:(\d{1,2})[/月])?(\d{1,2})日?)?$/.exec(part))) {
    const [, m1, d1, m2, d2] = m
    const from = md(m1!, d1!)
    const to = d2 ? md(m2 ?? m1!, d2) : from
    return validMonthDay(from) && validMonthDay(to) ? [{ type: 'dates', from, to }] : null
  }
  return null
}

function validMonthDay(value: string): boolean {
  const [m = 0, d = 0] = value.split('-').map(Number)
  return m >= 1 && m <= 12 && d >= 1 && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = JSON.stringify(item)
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/** Structured hours from the published texts, or the reason they stay text only. */
export function parseOpeningHours(hoursText: string | undefined, closedText?: string): HoursParse {
  if (!hoursText?.trim()) return { ok: false, reason: 'no hours' }
  const rules: Rule[] = []
  const closed: Closed[] = []
  let explicitDays = false
  let closureStated = false
  let context: 'hours' | 'closed' = 'hours'
  const usesWeekdaysWord = /(?<!翌)平日/.test(hoursText)
  const segments = [...hoursText.split(/\n|(?<=。)/), ...(closedText ? [`\u0000${closedText}`] : [])]
  for (const raw of segments) {
    const fromClosedField = raw.startsWith('\u0000')
    let line = normalize(raw.replace('\u0000', '')).replace(/^[●・\s]+/, '').trim()
    if (!line) continue
    if (IGNORED.test(line.replace(/。$/, ''))) continue
    if (fromClosedField) context = 'closed'
    const label = LABEL.exec(line)
    if (label) [context, line] = [CLOSED_LABELS.has(label[1]!) ? 'closed' : 'hours', label[2] ?? '']
    line = line.trim()
    if (!line) continue
    const asClosed = context === 'closed' || /(?:閉館|休館|定休日|無休)。?$/.test(line)
    const hours = asClosed ? null : parseHoursLine(line)
    if (hours) {
      rules.push(...hours.rules)
      explicitDays ||= hours.explicitDays
      continue
    }
    // A line of days or dates in the hours text is only a closure when it says so (休, 閉館, 無休):
    // "土・日・祝日" under the hours may as well be the days it is open.
    if (context !== 'closed' && !/休|閉館/.test(line)) return { ok: false, reason: `not understood: ${line.slice(0, 40)}` }
    const closure = parseClosedLine(line)
    if (!closure) return { ok: false, reason: `not understood: ${line.slice(0, 40)}` }
    closed.push(...closure.closed)
    closureStated = true
  }
  if (!rules.length) return { ok: false, reason: 'no opening times' }
  if (!explicitDays && !closureStated) return { ok: false, reason: 'closing days not published' }
  const covered = new Set([...rules.flatMap((r) => r.days), ...closed.flatMap((c) => (c.type === 'weekday' && !c.months ? [c.day] : []))])
  if (covered.size < 7) return { ok: false, reason: 'some weekdays not accounted for' }
  // 平日 excludes national holidays: unless the text says what happens on them, hours on a weekday holiday are unknown.
  if (usesWeekdaysWord && !rules.some((r) => r.holidays) && !closed.some((c) => c.type === 'holidays')) return { ok: false, reason: 'holidays not accounted for' }
  return { ok: true, hours: { rules: dedupe(rules), closed: dedupe(closed) } }
}

/** Adds `openingHours` to every spot whose published hours are fully understood; returns the tally for the report. */
export function applyOpeningHours(spots: Array<{ hours?: { ja: string }; closed?: { ja: string }; openingHours?: OpeningHours }>): { withText: number; structured: number; reasons: Map<string, number> } {
  const reasons = new Map<string, number>()
  let withText = 0
  let structured = 0
  for (const spot of spots) {
    if (!spot.hours && !spot.closed) continue
    withText++
    const parsed = parseOpeningHours(spot.hours?.ja, spot.closed?.ja)
    // Never let one odd row stop the build: what the app's schema would refuse stays text only.
    if (parsed.ok && !v.is(OpeningHoursSchema, parsed.hours)) {
      reasons.set('structure refused by the schema', (reasons.get('structure refused by the schema') ?? 0) + 1)
      continue
    }
    if (parsed.ok) {
      spot.openingHours = parsed.hours
      structured++
    } else {
      const reason = parsed.reason.startsWith('not understood') ? 'text not fully understood' : parsed.reason
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
  }
  return { withText, structured, reasons }
}

export function formatHoursTally(tally: ReturnType<typeof applyOpeningHours>): string {
  const why = [...tally.reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} ${n}`).join(', ')
  return `Opening hours: ${tally.structured} of ${tally.withText} spots with published hours structured for "open now"; the rest stay text only (${why}).`
}
