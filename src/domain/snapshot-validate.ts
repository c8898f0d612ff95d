/**
 * Turns downloaded text into a trusted Snapshot, or throws a SnapshotError that
 * says in plain words what is wrong. Nothing here touches storage.
 */
import * as v from 'valibot'
import { BODY_KEYS, SCHEMA_MAJOR, SCHEMA_VERSION, SnapshotSchema, type Snapshot, type SnapshotBody } from './snapshot-schema'

export type SnapshotErrorCode = 'invalid-json' | 'unsupported-version' | 'newer-format' | 'invalid-content' | 'hash-mismatch' | 'duplicate-id'

export class SnapshotError extends Error {
  readonly code: SnapshotErrorCode
  /** Up to five "path: problem" lines, for the log and the tests. */
  readonly details: string[]
  constructor(code: SnapshotErrorCode, message: string, details: string[] = []) {
    super(message)
    this.name = 'SnapshotError'
    this.code = code
    this.details = details
  }
}

/** The canonical text the content hash covers: the body, keys in a fixed order. */
export function canonicalBody(body: SnapshotBody): string {
  const ordered: Record<string, unknown> = {}
  for (const key of BODY_KEYS) ordered[key] = body[key]
  return JSON.stringify(ordered)
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export function hashBody(body: SnapshotBody): Promise<string> {
  return sha256Hex(canonicalBody(body))
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.') || '(root)'
}

/** One issue in plain words: missing fields and unknown fields say so instead of valibot's "Invalid key" wording. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issuePath(issue)
  if (issue.kind === 'schema' && issue.message.startsWith('Invalid key')) {
    return issue.expected === 'never' ? `${path}: is not an allowed field` : `${path}: is missing`
  }
  return `${path}: ${issue.message}`
}

function isUnknownField(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === 'schema' && issue.message.startsWith('Invalid key') && issue.expected === 'never'
}

/** A copy of the value without the fields the issues point at. */
function withoutFields(value: object, issues: readonly v.BaseIssue<unknown>[]): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((p) => p.key as string | number)
    const last = keys.pop()
    let parent: unknown = copy
    for (const key of keys) parent = (parent as Record<string | number, unknown> | undefined)?.[key]
    if (parent && typeof parent === 'object' && last !== undefined) delete (parent as Record<string | number, unknown>)[last]
  }
  return copy
}

/** Structural validation of an already-parsed value. */
export function validateSnapshot(value: unknown): Snapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotError('invalid-content', 'The data file is not a snapshot object.')
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new SnapshotError('unsupported-version', 'The data file has no valid schema version.')
  }
  const major = Number(version.split('.')[0])
  if (major > SCHEMA_MAJOR) {
    throw new SnapshotError('newer-format', `The data file is format ${version}; this app reads format ${SCHEMA_MAJOR}.x. Update the app.`)
  }
  if (major !== SCHEMA_MAJOR) {
    throw new SnapshotError('unsupported-version', `The data file is format ${version}, older than this app reads (${SCHEMA_MAJOR}.x).`)
  }
  let result = v.safeParse(SnapshotSchema, value)
  // A newer minor version only adds fields: read what this app knows and leave the rest (strict otherwise).
  if (!result.success && Number(version.split('.')[1]) > Number(SCHEMA_VERSION.split('.')[1]) && result.issues.every(isUnknownField)) {
    result = v.safeParse(SnapshotSchema, withoutFields(value, result.issues))
  }
  if (!result.success) {
    const details = result.issues.slice(0, 5).map(describeIssue)
    throw new SnapshotError('invalid-content', `The data file has ${result.issues.length} invalid field(s), e.g. ${details[0]}.`, details)
  }
  const snapshot = result.output
  for (const key of BODY_KEYS) {
    const seen = new Set<string>()
    for (const record of snapshot[key] as Array<{ id?: string; code?: string }>) {
      const id = record.id ?? record.code ?? ''
      if (seen.has(id)) throw new SnapshotError('duplicate-id', `The data file lists ${key} "${id}" twice.`, [`${key}.${id}`])
      seen.add(id)
    }
  }
  return snapshot
}

/** Parse, validate and check the content hash of a downloaded snapshot. */
export async function parseSnapshot(text: string): Promise<Snapshot> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new SnapshotError('invalid-json', 'The data file is damaged (not valid JSON).', [String(error)])
  }
  const snapshot = validateSnapshot(value)
  // Hash the text as received (the validated output may order keys differently).
  const actual = await hashBody(value as SnapshotBody)
  if (actual !== snapshot.hash) {
    throw new SnapshotError('hash-mismatch', 'The data file does not match its checksum; it may be incomplete.', [`expected ${snapshot.hash}`, `actual ${actual}`])
  }
  return snapshot
}
