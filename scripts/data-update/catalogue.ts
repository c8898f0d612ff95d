/**
 * A CKAN catalogue (API v3): package_show lists a dataset's resources; the file is then
 * fetched with a timeout and one retry, conditionally (If-None-Match / If-Modified-Since)
 * when an earlier fetch recorded the server's validators.
 */
export interface CkanResource {
  id: string
  name?: string
  url: string
  format?: string
  metadata_modified?: string
  last_modified?: string | null
}

export interface FetchOptions {
  timeoutMs: number
  retries: number
}

export class FetchError extends Error {}

async function fetchRetrying(url: string, init: RequestInit, { timeoutMs, retries }: FetchOptions): Promise<Response> {
  let last: unknown
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
      if (response.status >= 500) throw new FetchError(`HTTP ${response.status} from ${url}`)
      return response
    } catch (error) {
      last = error
    }
  }
  const reason = last instanceof Error ? (last.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : last.message) : String(last)
  throw new FetchError(`${url}: ${reason} (after ${retries + 1} tries)`)
}

export async function packageShow(base: string, dataset: string, options: FetchOptions): Promise<CkanResource[]> {
  const url = `${base.replace(/\/$/, '')}/api/3/action/package_show?id=${encodeURIComponent(dataset)}`
  const response = await fetchRetrying(url, { headers: { accept: 'application/json' } }, options)
  if (!response.ok) throw new FetchError(`HTTP ${response.status} from ${url}`)
  const body = (await response.json()) as { success?: boolean; result?: { resources?: CkanResource[] } }
  if (!body.success || !Array.isArray(body.result?.resources)) throw new FetchError(`${url}: not a CKAN package_show answer`)
  return body.result.resources
}

/** The one resource that matches; undefined when none does. Throws when several do (pin `resource.id`). */
export function pickResource(resources: CkanResource[], want: { id?: string; format?: string; nameIncludes?: string }): CkanResource | undefined {
  const matching = resources.filter(
    (r) =>
      (!want.id || r.id === want.id) &&
      (!want.format || (r.format ?? '').toUpperCase() === want.format.toUpperCase()) &&
      (!want.nameIncludes || `${r.name ?? ''} ${r.url}`.includes(want.nameIncludes)),
  )
  if (matching.length > 1) throw new FetchError(`${matching.length} resources match ${JSON.stringify(want)} (${matching.map((r) => r.id).join(', ')}): name one by resource.id in data/feeds/feeds.json`)
  return matching[0]
}

export interface Validators {
  etag?: string
  lastModified?: string
}

export type Download = { status: 'unchanged' } | { status: 'fetched'; bytes: Uint8Array; validators: Validators }

export async function download(url: string, validators: Validators, options: FetchOptions): Promise<Download> {
  const headers: Record<string, string> = {}
  if (validators.etag) headers['if-none-match'] = validators.etag
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
  const response = await fetchRetrying(url, { headers }, options)
  if (response.status === 304) return { status: 'unchanged' }
  if (!response.ok) throw new FetchError(`HTTP ${response.status} from ${url}`)
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { status: 'fetched', bytes, validators: { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined } }
}
