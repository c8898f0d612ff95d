/**
 * The open-data feeds: data/feeds/feeds.json (data, not code) names each feed's file
 * under data/feeds/<publisher>/, its source id, id prefix, as-of date, expected layout,
 * catalogue, dataset, licence and credit line. Validated here, used by the pipeline
 * (npm run snapshot) and by npm run data:update.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import type { FileConfig } from './importers'
import type { LayoutId } from './layouts'

const LAYOUT_IDS = ['tourism-recommended', 'tourism-standard', 'tourism-reduced', 'ube-kankospot', 'event-recommended', 'event-standard'] as const satisfies readonly LayoutId[]
const slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/))

const CatalogueSchema = v.strictObject({
  kind: v.literal('ckan'),
  name: v.string(),
  base: v.nullable(v.pipe(v.string(), v.url(), v.startsWith('https://'))),
  licence: v.optional(v.string()),
  note: v.optional(v.string()),
})

const FeedSchema = v.strictObject({
  publisher: slug,
  file: v.pipe(v.string(), v.regex(/^[\w.-]+\.csv$/)),
  source: slug,
  idPrefix: slug,
  asOf: v.pipe(v.string(), v.isoDate()),
  layout: v.picklist(LAYOUT_IDS),
  catalogue: v.string(),
  dataset: v.strictObject({ id: v.nullable(v.string()), status: v.picklist(['cited', 'confirmed', 'unconfirmed']), evidence: v.optional(v.string()) }),
  resource: v.strictObject({ format: v.optional(v.string()), nameIncludes: v.optional(v.string()), id: v.optional(v.string()) }),
  licence: v.string(),
  credit: v.string(),
})

export const FeedsConfigSchema = v.pipe(
  v.strictObject({ $comment: v.optional(v.string()), catalogues: v.record(slug, CatalogueSchema), feeds: v.array(FeedSchema) }),
  v.check((c) => c.feeds.every((f) => f.catalogue in c.catalogues), 'every feed names a catalogue of the config'),
  v.check((c) => new Set(c.feeds.map((f) => `${f.publisher}/${f.file}`)).size === c.feeds.length, 'feed files are unique'),
)

export type FeedsConfig = v.InferOutput<typeof FeedsConfigSchema>
export type FeedConfig = FeedsConfig['feeds'][number] & FileConfig

export const FEEDS_CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/feeds/feeds.json')

export function loadFeedsConfig(path = FEEDS_CONFIG_PATH): FeedsConfig {
  const result = v.safeParse(FeedsConfigSchema, JSON.parse(readFileSync(path, 'utf8')))
  if (!result.success) {
    const issue = result.issues[0]
    throw new Error(`${path}: ${(issue.path ?? []).map((p) => String(p.key)).join('.')} ${issue.message}`)
  }
  return result.output
}

/** Where npm run data:update records each feed's last good fetch (validators, as-of date). */
export const FEEDS_STATE_PATH = resolve(dirname(FEEDS_CONFIG_PATH), 'state.json')

/** A feed's path under data/feeds/, also its key in state.json. */
export const feedKey = (f: { publisher: string; file: string }): string => `${f.publisher}/${f.file}`

/** The as-of date of a feed's last good fetch overrides the config's (the data's own period). */
export function feedsWithState(feeds: readonly FeedConfig[], state: Record<string, { asOf?: string }>): FeedConfig[] {
  return feeds.map((f) => ({ ...f, asOf: state[feedKey(f)]?.asOf ?? f.asOf }))
}

function readState(): Record<string, { asOf?: string }> {
  return existsSync(FEEDS_STATE_PATH) ? JSON.parse(readFileSync(FEEDS_STATE_PATH, 'utf8')) : {}
}

/** The feeds in priority order. */
export const FEEDS: FeedConfig[] = feedsWithState(loadFeedsConfig().feeds as FeedConfig[], readState())
