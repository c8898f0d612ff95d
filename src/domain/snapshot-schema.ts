/**
 * The data snapshot: its schema (runtime validator) and its TypeScript types.
 *
 * One schema serves the app (validating what it downloads before anything is
 * written), the data pipeline (validating what it generates) and the tests.
 * Objects are strict: unknown keys – including `__proto__` and `constructor`
 * smuggled in through JSON – are rejected rather than silently dropped.
 */
import * as v from 'valibot'
import { IsoDateSchema } from './schema-atoms'
import { REGION_BOUNDS, MUNICIPALITY_CODES, SPOT_CATEGORIES, EVENT_CATEGORIES, SCHEME_CATEGORIES, AUDIENCES, HOUSEHOLDS, WORK_STYLES, AGE_BANDS } from './snapshot-constants'

export { SCHEMA_MAJOR, SCHEMA_VERSION, REGION_BOUNDS, MUNICIPALITY_CODES, SPOT_CATEGORIES, EVENT_CATEGORIES, SCHEME_CATEGORIES, AUDIENCES, HOUSEHOLDS, WORK_STYLES, AGE_BANDS, type MunicipalityCode } from './snapshot-constants'

const MAX_TEXT = 20_000
const MAX_SHORT = 500

const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max, `longer than ${max} characters`))
const nonEmpty = (max = MAX_SHORT) => v.pipe(v.string(), v.regex(/\S/, 'must not be empty'), v.maxLength(max, `longer than ${max} characters`))

export const IdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._:-]{0,127}$/, 'is not a valid id (a-z, 0-9, . _ : -)'))
export { IsoDateSchema }
export const IsoTimeSchema = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is not a time (HH:MM)'))
export const HttpsUrlSchema = v.pipe(
  v.string(),
  v.maxLength(2000, 'URL too long'),
  v.url('is not a URL'),
  v.startsWith('https://', 'must be an https:// link'),
)
export const PhoneSchema = v.pipe(v.string(), v.regex(/^\+?[0-9][0-9-]{5,15}$/, 'is not a phone number'))
export const EmailSchema = v.pipe(v.string(), v.maxLength(254), v.email('is not an e-mail address'))
export const MunicipalityCodeSchema = v.picklist(MUNICIPALITY_CODES, 'is not one of the 7 municipalities')

/** Japanese first; English where a source or a curator provides it. */
export const LocalizedSchema = v.strictObject({ ja: nonEmpty(MAX_TEXT), en: v.optional(text()) })
export const LocalizedShortSchema = v.strictObject({ ja: nonEmpty(), en: v.optional(text(MAX_SHORT)) })
/**
 * A place's name: Japanese, English where a source gives one, and `latn`, a Hepburn transliteration of
 * the published kana reading (made by the pipeline, never a translation) for an English UI when no
 * English name is published. Since 1.3.0.
 */
export const PlaceNameSchema = v.strictObject({ ja: nonEmpty(), en: v.optional(text(MAX_SHORT)), latn: v.optional(text(MAX_SHORT)) })

export const PointSchema = v.pipe(
  v.strictObject({ lat: v.number(), lng: v.number() }),
  v.check(
    (p) => p.lat >= REGION_BOUNDS.south && p.lat <= REGION_BOUNDS.north && p.lng >= REGION_BOUNDS.west && p.lng <= REGION_BOUNDS.east,
    'lies outside the region',
  ),
)

/** Where a record came from: every record names a source id and the date its facts were true. */
const provenance = {
  source: IdSchema,
  /** Identifier or row reference in the source (e.g. the CSV's 番号 or a seed's line). */
  sourceRef: v.optional(text(MAX_SHORT)),
  asOf: IsoDateSchema,
}

export const SourceSchema = v.strictObject({
  id: IdSchema,
  title: LocalizedShortSchema,
  publisher: LocalizedShortSchema,
  licence: nonEmpty(),
  credit: LocalizedSchema,
  url: v.optional(HttpsUrlSchema),
  asOf: IsoDateSchema,
})

const Position = v.tuple([v.number(), v.number()])
const Ring = v.pipe(v.array(Position), v.minLength(4, 'a ring needs at least 4 positions'))
export const BoundarySchema = v.variant('type', [
  v.strictObject({ type: v.literal('Polygon'), coordinates: v.array(Ring) }),
  v.strictObject({ type: v.literal('MultiPolygon'), coordinates: v.array(v.array(Ring)) }),
])

export const MunicipalitySchema = v.strictObject({
  code: MunicipalityCodeSchema,
  name: LocalizedShortSchema,
  prefecture: LocalizedShortSchema,
  /** Census population (国勢調査); absent where no source states it. */
  population: v.strictObject({
    census2010: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    census2020: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  centre: PointSchema,
  boundary: BoundarySchema,
  website: v.optional(HttpsUrlSchema),
  ...provenance,
})

const MonthSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))
const WeekdaySchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))
const MonthDaySchema = v.pipe(v.string(), v.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'is not a month-day (MM-DD)'))
/** A closing time: HH:MM, or 24:00 for midnight at the end of the day. */
const CloseTimeSchema = v.pipe(v.string(), v.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'is not a closing time (HH:MM or 24:00)'))
/** Months a rule applies to, inclusive; may wrap the year end (from 11 to 3). */
const MonthRangeSchema = v.strictObject({ from: MonthSchema, to: MonthSchema })
/** Published regular opening hours, structured by the pipeline only where the source text is fully understood. */
export const OpeningHoursSchema = v.strictObject({
  rules: v.pipe(
    v.array(
      v.strictObject({
        months: v.optional(MonthRangeSchema),
        /** Weekdays, 0 = Sunday … 6 = Saturday. */
        days: v.array(WeekdaySchema),
        /** True when the rule is for national holidays (they then follow this rule, not their weekday's). */
        holidays: v.optional(v.literal(true)),
        times: v.pipe(v.array(v.strictObject({ open: IsoTimeSchema, close: CloseTimeSchema })), v.minLength(1)),
      }),
    ),
    v.minLength(1),
  ),
  closed: v.array(
    v.variant('type', [
      /** ifHoliday: 'open' = open when that weekday is a holiday; 'next-day' = then closed on the next working day instead. */
      v.strictObject({ type: v.literal('weekday'), day: WeekdaySchema, months: v.optional(MonthRangeSchema), ifHoliday: v.optional(v.picklist(['open', 'next-day'])) }),
      v.strictObject({ type: v.literal('nth-weekday'), nth: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))), v.minLength(1)), day: WeekdaySchema, months: v.optional(MonthRangeSchema) }),
      v.strictObject({ type: v.literal('dates'), from: MonthDaySchema, to: MonthDaySchema }),
      v.strictObject({ type: v.literal('holidays') }),
      v.strictObject({ type: v.literal('day-after-holiday') }),
      /** A period named without dates (年末年始): whether the place is open is not known then. */
      v.strictObject({ type: v.literal('uncertain'), from: MonthDaySchema, to: MonthDaySchema }),
    ]),
  ),
})

export const SpotSchema = v.strictObject({
  id: IdSchema,
  municipality: MunicipalityCodeSchema,
  category: v.picklist(SPOT_CATEGORIES),
  name: PlaceNameSchema,
  /** Reading in kana, used by search. */
  kana: v.optional(text(MAX_SHORT)),
  description: v.optional(LocalizedSchema),
  /** Trusted map point; absent when the source's point is a placeholder. */
  point: v.optional(PointSchema),
  address: v.optional(text(MAX_SHORT)),
  hours: v.optional(LocalizedSchema),
  closed: v.optional(LocalizedSchema),
  /** Structured form of `hours` + `closed`, present only when the pipeline understood all of that text. */
  openingHours: v.optional(OpeningHoursSchema),
  fees: v.optional(LocalizedSchema),
  access: v.optional(LocalizedSchema),
  parking: v.optional(LocalizedSchema),
  barrierFree: v.optional(LocalizedSchema),
  phone: v.optional(PhoneSchema),
  url: v.optional(HttpsUrlSchema),
  /** An editorial "must see" pick with a one-line reason and the source that reason comes from (since 1.3.0). */
  highlight: v.optional(v.strictObject({ reason: LocalizedSchema, source: IdSchema, sourceRef: v.optional(text(MAX_SHORT)) })),
  /** Months (Japan's calendar) in which the spot's source names something to see or a yearly rite, with that reason (since 1.4.0). */
  season: v.optional(v.strictObject({ months: v.pipe(v.array(MonthSchema), v.minLength(1), v.maxLength(12)), reason: LocalizedSchema, source: IdSchema, sourceRef: v.optional(text(MAX_SHORT)) })),
  ...provenance,
})

export const RouteStopSchema = v.strictObject({
  name: LocalizedShortSchema,
  spotId: v.optional(IdSchema),
  point: PointSchema,
  note: v.optional(LocalizedSchema),
})
export const RouteSchema = v.strictObject({
  id: IdSchema,
  name: LocalizedShortSchema,
  description: LocalizedSchema,
  municipalities: v.pipe(v.array(MunicipalityCodeSchema), v.minLength(1)),
  stops: v.pipe(v.array(RouteStopSchema), v.minLength(2, 'a route needs at least 2 stops')),
  ...provenance,
})

export const EventDateSchema = v.strictObject({
  start: IsoDateSchema,
  end: v.optional(IsoDateSchema),
  startTime: v.optional(IsoTimeSchema),
  endTime: v.optional(IsoTimeSchema),
})
/** An annual event whose date follows a fixed published rule. */
export const RecurrenceSchema = v.variant('type', [
  v.strictObject({ type: v.literal('annual-date'), month: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)), day: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31))) }),
  v.strictObject({ type: v.literal('annual-weekday'), month: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)), nth: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(5)), weekday: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31))) }),
])
export const EventSchema = v.strictObject({
  id: IdSchema,
  municipality: MunicipalityCodeSchema,
  category: v.picklist(EVENT_CATEGORIES),
  name: LocalizedShortSchema,
  description: v.optional(LocalizedSchema),
  /** Concrete dates (one per day or period). Empty when only a rule or a note is known. */
  dates: v.array(EventDateSchema),
  recurrence: v.optional(RecurrenceSchema),
  /** Free-text date as published when it does not parse (e.g. 「3月下旬」). */
  dateNote: v.optional(LocalizedSchema),
  venue: v.optional(LocalizedShortSchema),
  /** The spot the venue names, when the pipeline matched it without doubt. */
  venueSpotId: v.optional(IdSchema),
  point: v.optional(PointSchema),
  fees: v.optional(LocalizedSchema),
  organizer: v.optional(LocalizedShortSchema),
  phone: v.optional(PhoneSchema),
  url: v.optional(HttpsUrlSchema),
  ...provenance,
})

/** Eligibility rules as data: every listed condition must hold; an absent one means "any". */
export const SchemeConditionsSchema = v.strictObject({
  ageBands: v.optional(v.array(v.picklist(AGE_BANDS))),
  households: v.optional(v.array(v.picklist(HOUSEHOLDS))),
  work: v.optional(v.array(v.picklist(WORK_STYLES))),
  trialStay: v.optional(v.boolean()),
  movingIn: v.optional(v.boolean()),
})
export const SchemeSchema = v.strictObject({
  id: IdSchema,
  /** A municipality code, or "region" for the 7 towns together. */
  municipality: v.union([MunicipalityCodeSchema, v.literal('region')]),
  category: v.picklist(SCHEME_CATEGORIES),
  name: LocalizedShortSchema,
  summary: LocalizedSchema,
  audience: v.pipe(v.array(v.picklist(AUDIENCES)), v.minLength(1)),
  audienceText: LocalizedSchema,
  /** What it gives; amounts only where the source states them. */
  benefit: v.optional(LocalizedSchema),
  howToApply: v.optional(LocalizedSchema),
  contact: v.strictObject({
    name: LocalizedShortSchema,
    phone: v.optional(PhoneSchema),
    email: v.optional(EmailSchema),
    url: v.optional(HttpsUrlSchema),
  }),
  conditions: SchemeConditionsSchema,
  ...provenance,
})

export const CheckpointSchema = v.strictObject({
  id: IdSchema,
  name: LocalizedShortSchema,
  municipality: MunicipalityCodeSchema,
  point: PointSchema,
  radiusM: v.pipe(v.number(), v.minValue(10), v.maxValue(2000)),
  spotId: v.optional(IdSchema),
  qrId: IdSchema,
  /** How a visitor may check in here (since 1.5.0); absent: by GPS and by a signed code. */
  methods: v.optional(v.pipe(v.array(v.picklist(['gps', 'qr'])), v.minLength(1), v.maxLength(2))),
})
export const RallySchema = v.strictObject({
  id: IdSchema,
  name: LocalizedShortSchema,
  description: LocalizedSchema,
  period: v.strictObject({ start: IsoDateSchema, end: v.optional(IsoDateSchema) }),
  reward: v.strictObject({
    rule: v.variant('type', [v.strictObject({ type: v.literal('all') }), v.strictObject({ type: v.literal('any'), count: v.pipe(v.number(), v.integer(), v.minValue(1)) })]),
    text: LocalizedSchema,
    handover: v.picklist(['counter', 'code']),
  }),
  checkpoints: v.pipe(v.array(CheckpointSchema), v.minLength(1)),
  /** Public keys (ECDSA P-256, JWK x/y) that sign this rally's QR codes. */
  keys: v.array(v.strictObject({ kid: IdSchema, x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)), y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)) })),
  ...provenance,
})

export const SnapshotBodySchema = {
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  municipalities: v.pipe(v.array(MunicipalitySchema), v.length(7, 'must list the 7 municipalities')),
  spots: v.array(SpotSchema),
  routes: v.array(RouteSchema),
  events: v.array(EventSchema),
  schemes: v.array(SchemeSchema),
  rallies: v.array(RallySchema),
}

export const SnapshotSchema = v.pipe(
  v.strictObject({
    schemaVersion: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'is not a version (1.2.3)')),
    generatedAt: v.pipe(v.string(), v.isoTimestamp('is not a timestamp')),
    hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'is not a SHA-256 hex digest')),
    ...SnapshotBodySchema,
  }),
)

export type Localized = v.InferOutput<typeof LocalizedSchema>
export type Point = v.InferOutput<typeof PointSchema>
export type Source = v.InferOutput<typeof SourceSchema>
export type Municipality = v.InferOutput<typeof MunicipalitySchema>
export type Spot = v.InferOutput<typeof SpotSchema>
export type OpeningHours = v.InferOutput<typeof OpeningHoursSchema>
export type SpotCategory = Spot['category']
export type Route = v.InferOutput<typeof RouteSchema>
export type RouteStop = v.InferOutput<typeof RouteStopSchema>
export type EventDate = v.InferOutput<typeof EventDateSchema>
export type Recurrence = v.InferOutput<typeof RecurrenceSchema>
export type RegionEvent = v.InferOutput<typeof EventSchema>
export type EventCategory = RegionEvent['category']
export type Scheme = v.InferOutput<typeof SchemeSchema>
export type SchemeConditions = v.InferOutput<typeof SchemeConditionsSchema>
export type Rally = v.InferOutput<typeof RallySchema>
export type Checkpoint = v.InferOutput<typeof CheckpointSchema>
export type Snapshot = v.InferOutput<typeof SnapshotSchema>
export type SnapshotBody = Omit<Snapshot, 'schemaVersion' | 'generatedAt' | 'hash'>

export { BODY_KEYS, type BodyKey } from './snapshot-keys'
