/**
 * Opening hours: the pipeline's parser on the feeds' real texts (what it
 * structures, and what it refuses and why), and "open now" on the calendar of
 * Japan — the test machine runs in Los Angeles (vitest.config.ts).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import holidayJp from '@holiday-jp/holiday_jp'
import { moduleText } from '../../scripts/holidays/generate'
import { parseOpeningHours } from '../../scripts/snapshot/opening-hours'
import { bundledHolidays, openStateAt } from '@/domain/opening-hours'
import type { OpeningHours } from '@/domain/snapshot-schema'

const ALL = [0, 1, 2, 3, 4, 5, 6]
const daily = (open: string, close: string) => ({ days: ALL, times: [{ open, close }] })

describe('parsing published hours (real texts from the feeds)', () => {
  it.each<[string, string | undefined, OpeningHours]>([
    ['月火水木金土日 08:30～17:00', undefined, { rules: [daily('08:30', '17:00')], closed: [] }],
    ['08:00～22:00\n年中無休', undefined, { rules: [daily('08:00', '22:00')], closed: [] }],
    ['09:00～16:00\n●休業日：月曜日', undefined, { rules: [daily('09:00', '16:00')], closed: [{ type: 'weekday', day: 1 }] }],
    [
      '09:30～17:00\n●休園日/火曜日（火曜日が休日または祝日の時はその翌日）',
      undefined,
      { rules: [daily('09:30', '17:00')], closed: [{ type: 'weekday', day: 2, ifHoliday: 'next-day' }] },
    ],
    [
      '09:00～17:00\n［休館日］火曜（祝祭日の場合は翌平日）、年末年始（12月29日～1月3日）',
      undefined,
      { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 2, ifHoliday: 'next-day' }, { type: 'dates', from: '12-29', to: '01-03' }] },
    ],
    [
      '●時間　　4月～10月 8：00～17：00（入場は16：30まで）／11月～3月 8：00～16：30（入場は16：00まで）\n●休業日　　年中無休',
      undefined,
      { rules: [{ months: { from: 4, to: 10 }, ...daily('08:00', '17:00') }, { months: { from: 11, to: 3 }, ...daily('08:00', '16:30') }], closed: [] },
    ],
    [
      '●時間　\n　8：00～18：30（4月～10月）\n　8：30～16：30（11月～2月）\n　8：30～18：00（3月）\n●無休',
      undefined,
      {
        rules: [
          { months: { from: 4, to: 10 }, ...daily('08:00', '18:30') },
          { months: { from: 11, to: 2 }, ...daily('08:30', '16:30') },
          { months: { from: 3, to: 3 }, ...daily('08:30', '18:00') },
        ],
        closed: [],
      },
    ],
    [
      '09:00～16:00\n●休館日\n　・月曜日（4～10月）\n　・月・火曜日（11～3月）\n　・国民の祝日の翌日\n　・12月29日～1月3日',
      undefined,
      {
        rules: [daily('09:00', '16:00')],
        closed: [
          { type: 'weekday', day: 1, months: { from: 4, to: 10 } },
          { type: 'weekday', day: 1, months: { from: 11, to: 3 } },
          { type: 'weekday', day: 2, months: { from: 11, to: 3 } },
          { type: 'day-after-holiday' },
          { type: 'dates', from: '12-29', to: '01-03' },
        ],
      },
    ],
    ['09:00～17:00\n休日：水曜日・年末年始', undefined, { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 3 }, { type: 'uncertain', from: '12-28', to: '01-04' }] }],
    ['08:30～17:30\n●時間\n　8：30～17：30（入館は17：15まで）\n●休館日\n　12／31日休館', undefined, { rules: [daily('08:30', '17:30')], closed: [{ type: 'dates', from: '12-31', to: '12-31' }] }],
    ['月火水木金土日 9:00～21:00\n受付は20:30まで。毎月第3水曜日は定休日。', undefined, { rules: [daily('09:00', '21:00')], closed: [{ type: 'nth-weekday', nth: [3], day: 3 }] }],
    [
      '9:00～17:00\n12月29日から1月5日、8月14日から16日は閉館。',
      undefined,
      { rules: [daily('09:00', '17:00')], closed: [{ type: 'dates', from: '12-29', to: '01-05' }, { type: 'dates', from: '08-14', to: '08-16' }] },
    ],
    [
      '月火水木金 8:30～17:15\n原則として土日、祝日、年末年始は休館。',
      undefined,
      {
        rules: [{ days: [1, 2, 3, 4, 5], times: [{ open: '08:30', close: '17:15' }] }],
        closed: [{ type: 'weekday', day: 6 }, { type: 'weekday', day: 0 }, { type: 'holidays' }, { type: 'uncertain', from: '12-28', to: '01-04' }],
      },
    ],
    // 宇部市 kankospot.csv: hours and closed days in separate columns.
    ['9:00～17:00', '祝日以外の火曜日、12/29～1/1', { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 2, ifHoliday: 'open' }, { type: 'dates', from: '12-29', to: '01-01' }] }],
    [
      '平日7:30～19:30／土日祝日7:30～18:30',
      '毎週水曜',
      { rules: [{ days: [1, 2, 3, 4, 5], times: [{ open: '07:30', close: '19:30' }] }, { days: [0, 6], holidays: true, times: [{ open: '07:30', close: '18:30' }] }], closed: [{ type: 'weekday', day: 3 }] },
    ],
    ['10:00～21:00（受付は20:00）', '第3水曜', { rules: [daily('10:00', '21:00')], closed: [{ type: 'nth-weekday', nth: [3], day: 3 }] }],
    ['10:00～24:00\n年中無休', undefined, { rules: [daily('10:00', '24:00')], closed: [] }],
  ])('%j (closed: %j)', (hours, closed, expected) => {
    expect(parseOpeningHours(hours, closed)).toEqual({ ok: true, hours: expected })
  })

  it.each<[string, string | undefined, string]>([
    ['09:00～17:00', undefined, 'closing days not published'],
    ['09:00～17:00\n不定休', undefined, 'not understood'],
    ['●時間　　8：00～17：00（3月～11月上旬）\n　　　　  8：00～16：30（11月下旬～2月）\n●休業　　無休', undefined, 'not understood'],
    ['●拝観時間　　9：00～12：00、13：00～16：00（要予約）\n●休日　　毎日曜日、年末年始休み', undefined, 'not understood'],
    ['通年', undefined, 'not understood'],
    ['６月１５日～９月１４日', undefined, 'not understood'],
    // A line of days or dates under the hours is not a closure unless it says 休 / 閉館.
    ['9:00～17:00\n土・日・祝日', undefined, 'not understood'],
    ['10:00～16:00\n毎週土曜日', undefined, 'not understood'],
    ['6月15日～9月14日\n9:00～17:00', '無休', 'not understood'],
    // 平日 excludes holidays; nothing says what happens on them.
    ['平日 9:00～17:00', '土日', 'holidays not accounted for'],
    // Not clock times.
    ['9:00～25:00\n無休', undefined, 'not understood'],
    ['9:00～17:60\n無休', undefined, 'not understood'],
    // Months both before and after the times.
    ['4月～10月 9:00～17:00（8月）\n無休', undefined, 'not understood'],
    // 翌平日 after a Friday closure would skip the weekend: not modelled.
    ['9:00～17:00\n休館日：金曜（祝日の場合は翌平日）', undefined, 'not understood'],
    ['9:00～22:00（カフェは11:00～19:00）', '毎週第2火曜、12/29～1/3', 'not understood'],
    // Saturday is not mentioned anywhere: we will not guess it.
    ['平日9:00～12:00、17:00～21:00 日曜9:00～21:00', '第3水曜', 'some weekdays not accounted for'],
    // Which of the two days moves when it is a holiday is ambiguous.
    ['10:00～16:00\n●休館日　　水・木曜日（祝日の場合はその翌日）、祝日の翌日、年末年始', undefined, 'not understood'],
    ['●開館時間　　10：00～22：00（夜間イベントのない日は20：00閉館）\n●休館日　　毎週火曜日（祝日の場合は翌日）、12月29日～1月3日', undefined, 'not understood'],
    ['09:00～17:00\n●休業　　要確認', undefined, 'not understood'],
  ])('refuses %j (closed: %j): %s', (hours, closed, reason) => {
    const parsed = parseOpeningHours(hours, closed)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toContain(reason)
  })
})

/** An instant given as Japan time. */
const jst = (local: string) => new Date(`${local}+09:00`)

describe('open now, in Japan time whatever the machine zone', () => {
  const tuesdayShift: OpeningHours = { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 2, ifHoliday: 'next-day' }] }
  const newYear: OpeningHours = { rules: [daily('09:00', '17:00')], closed: [{ type: 'dates', from: '12-29', to: '01-03' }] }

  it.each<[string, OpeningHours, string, ReturnType<typeof openStateAt>]>([
    ['before opening', { rules: [daily('08:30', '17:00')], closed: [] }, '2026-12-02T08:29', { state: 'closed', opensAt: '08:30' }],
    ['at opening', { rules: [daily('08:30', '17:00')], closed: [] }, '2026-12-02T08:30', { state: 'open', until: '17:00' }],
    ['at closing time', { rules: [daily('08:30', '17:00')], closed: [] }, '2026-12-02T17:00', { state: 'closed' }],
    // 00:30 on 2 Dec in Japan is still 1 Dec in UTC and in Los Angeles.
    ['just after midnight in Japan', { rules: [daily('00:00', '02:00')], closed: [] }, '2026-12-02T00:30', { state: 'open', until: '02:00' }],
    ['a normal Tuesday', tuesdayShift, '2026-11-10T12:00', { state: 'closed' }],
    ['Tuesday 3 Nov 2026 is 文化の日: open', tuesdayShift, '2026-11-03T12:00', { state: 'open', until: '17:00' }],
    ['…and closed the next day instead', tuesdayShift, '2026-11-04T12:00', { state: 'closed' }],
    ['a normal Wednesday', tuesdayShift, '2026-11-11T12:00', { state: 'open', until: '17:00' }],
    ['"closed Tuesdays except holidays": open the day after', { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 2, ifHoliday: 'open' }] }, '2026-11-04T12:00', { state: 'open', until: '17:00' }],
    ['third Wednesday', { rules: [daily('09:00', '17:00')], closed: [{ type: 'nth-weekday', nth: [3], day: 3 }] }, '2026-12-16T12:00', { state: 'closed' }],
    ['second Wednesday', { rules: [daily('09:00', '17:00')], closed: [{ type: 'nth-weekday', nth: [3], day: 3 }] }, '2026-12-09T12:00', { state: 'open', until: '17:00' }],
    ['New Year closure across the year end', newYear, '2027-01-03T12:00', { state: 'closed' }],
    ['after the New Year closure', newYear, '2027-01-04T12:00', { state: 'open', until: '17:00' }],
    ['年末年始 without dates: cannot tell', { rules: [daily('09:00', '17:00')], closed: [{ type: 'uncertain', from: '12-28', to: '01-04' }] }, '2026-12-30T12:00', { state: 'unknown' }],
    ['winter hours (season wraps the year end)', { rules: [{ months: { from: 10, to: 4 }, ...daily('09:00', '17:00') }, { months: { from: 5, to: 9 }, ...daily('09:00', '18:00') }], closed: [] }, '2026-12-02T17:30', { state: 'closed' }],
    ['summer hours', { rules: [{ months: { from: 10, to: 4 }, ...daily('09:00', '17:00') }, { months: { from: 5, to: 9 }, ...daily('09:00', '18:00') }], closed: [] }, '2026-06-01T17:30', { state: 'open', until: '18:00' }],
    ['a month no published rule covers: unknown', { rules: [{ months: { from: 4, to: 10 }, ...daily('09:00', '17:00') }], closed: [] }, '2026-12-02T12:00', { state: 'unknown' }],
    ['open until midnight', { rules: [daily('10:00', '24:00')], closed: [] }, '2026-12-02T23:59', { state: 'open', until: '24:00' }],
    ['touching periods are one opening', { rules: [{ days: ALL, times: [{ open: '09:00', close: '12:00' }, { open: '12:00', close: '17:00' }] }], closed: [] }, '2026-12-02T11:59', { state: 'open', until: '17:00' }],
    ['a lunch break', { rules: [{ days: ALL, times: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }] }], closed: [] }, '2026-12-02T12:30', { state: 'closed', opensAt: '13:00' }],
    ['年末年始 without dates, outside the hours: closed either way', { rules: [daily('09:00', '17:00')], closed: [{ type: 'uncertain', from: '12-28', to: '01-04' }] }, '2026-12-30T20:00', { state: 'closed' }],
    ['a dated closure wins over an undated 年末年始', { rules: [daily('09:00', '17:00')], closed: [{ type: 'dates', from: '12-29', to: '01-03' }, { type: 'uncertain', from: '12-28', to: '01-04' }] }, '2026-12-30T12:00', { state: 'closed' }],
    // Closed Mondays in April–October only; Monday 12 Oct 2026 is スポーツの日, so the closure moves to Tuesday 13 Oct.
    ['a shifted closure follows the months of the holiday that caused it', { rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 1, months: { from: 4, to: 10 }, ifHoliday: 'next-day' }] }, '2026-10-13T12:00', { state: 'closed' }],
  ])('%s', (_name, hours, local, expected) => {
    expect(openStateAt(hours, jst(local))).toEqual(expected)
  })

  const weekdayAndHoliday: OpeningHours = {
    rules: [
      { days: [1, 2, 3, 4, 5], times: [{ open: '07:30', close: '19:30' }] },
      { days: [0, 6], holidays: true, times: [{ open: '07:30', close: '18:30' }] },
    ],
    closed: [],
  }
  it('a national holiday follows the 土日祝 hours (Monday 23 Nov 2026, 勤労感謝の日)', () => {
    expect(openStateAt(weekdayAndHoliday, jst('2026-11-23T19:00')).state).toBe('closed')
    expect(openStateAt(weekdayAndHoliday, jst('2026-11-24T19:00'))).toEqual({ state: 'open', until: '19:30' })
  })

  it('past the bundled holiday calendar, holiday-dependent hours are unknown; the others still answer', () => {
    expect(openStateAt(weekdayAndHoliday, jst('2031-05-07T10:00')).state).toBe('unknown')
    expect(openStateAt({ rules: [daily('09:00', '17:00')], closed: [{ type: 'weekday', day: 1 }] }, jst('2031-05-07T10:00'))).toEqual({ state: 'open', until: '17:00' })
  })

  it('the bundled holiday list is current with @holiday-jp/holiday_jp (npx tsx scripts/holidays/generate.ts)', () => {
    expect(readFileSync(resolve(__dirname, '../../src/domain/jp-holidays.ts'), 'utf8')).toBe(moduleText())
    expect(bundledHolidays('2026-11-23')).toBe(true)
    expect(bundledHolidays('2026-11-24')).toBe(false)
    expect(bundledHolidays('2026-11-23')).toBe(holidayJp.isHoliday(new Date('2026-11-23T00:00:00')))
    expect(bundledHolidays('2031-01-01')).toBeNull()
  })
})
