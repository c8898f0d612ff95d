#!/usr/bin/env -S npx tsx
/**
 * Stamp rally tools for organisers: keys, signed check-in codes, a printable sheet.
 *
 * A thin wrapper over src/domain/rally-organiser.ts, the same functions the in-app organiser screen
 * (/organise) uses: key files, signatures and codes are the same whichever made them.
 *
 *   npx tsx scripts/rally/organiser.ts keygen --rally <rallyId> [--kid <kid>]
 *       Makes an ECDSA P-256 key pair. The PRIVATE key goes to .rally-keys/<rallyId>/<kid>.private.jwk.json
 *       (the organiser screen's key-file format; git-ignored, file mode 600: keep it safe, anyone with it
 *       can make stamps). Set RALLY_KEY_PASSPHRASE to seal it (and to read a sealed one when signing). The PUBLIC key is added to
 *       data/curated/rally-keys.json as { "<rallyId>": [{ "kid", "x", "y" }] }; the data pipeline copies it
 *       into the snapshot (rallies[].keys), which is what the app verifies codes against, offline.
 *
 *   npx tsx scripts/rally/organiser.ts sign --rally <rallyId> --from YYYY-MM-DD --until YYYY-MM-DD
 *       [--kid <kid>] [--snapshot public/data/snapshot.json] [--out dist-rally/<rallyId>]
 *       Signs one code per checkpoint of the rally (checkpoints read from the snapshot file, or from any JSON
 *       file with a `rallies` array or a single rally object), valid from..until inclusive (Japan dates), and
 *       writes <out>/codes.json and <out>/sheet.html: one card per checkpoint with its QR code (inline SVG)
 *       and the code printed under it for typing. Open the HTML in a browser and print it (A4).
 *
 *   npx tsx scripts/rally/organiser.ts verify --code <code> [--snapshot ...] [--date YYYY-MM-DD]
 *       Checks a code the way the app does.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import { verifyRallyCode } from '../../src/domain/rally-codes'
import { generateRallyKey, groupCode, privateKeyFile, readPrivateKeyFile, signCheckpointCodes, type SignedCode } from '../../src/domain/rally-organiser'
import type { Rally } from '../../src/domain/snapshot-schema'

const ROOT = resolve(import.meta.dirname, '../..')
export const KEYS_DIR = join(ROOT, '.rally-keys')
export const PUBLIC_KEYS_FILE = join(ROOT, 'data/curated/rally-keys.json')
const ID = /^[a-z0-9][a-z0-9._:-]{0,127}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

type PublicKeys = Record<string, Array<{ kid: string; x: string; y: string }>>

function fail(message: string): never {
  console.error(`error: ${message}`)
  process.exit(1)
}

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback
}

export async function keygen(rallyId: string, kid: string, options: { keysDir?: string; publicFile?: string } = {}) {
  const keysDir = options.keysDir ?? KEYS_DIR
  const publicFile = options.publicFile ?? PUBLIC_KEYS_FILE
  if (!ID.test(rallyId) || !ID.test(kid)) fail('rally id and kid must match [a-z0-9][a-z0-9._:-]*')
  const privatePath = join(keysDir, rallyId, `${kid}.private.jwk.json`)
  if (existsSync(privatePath)) fail(`${privatePath} exists already; choose another --kid`)
  const key = await generateRallyKey(kid)
  mkdirSync(dirname(privatePath), { recursive: true, mode: 0o700 })
  writeFileSync(privatePath, await privateKeyFile(rallyId, key, process.env.RALLY_KEY_PASSPHRASE ?? ''), { mode: 0o600 })
  chmodSync(privatePath, 0o600)
  const keys = readJson<PublicKeys>(publicFile, {})
  keys[rallyId] = [...(keys[rallyId] ?? []).filter((k) => k.kid !== kid), key.publicKey]
  mkdirSync(dirname(publicFile), { recursive: true })
  writeFileSync(publicFile, JSON.stringify(keys, null, 2) + '\n')
  return { privatePath, publicFile, publicKey: key.publicKey }
}

export function loadRally(file: string, rallyId: string): Rally {
  const json = readJson<{ rallies?: Rally[] } | Rally | null>(file, null)
  if (!json) fail(`cannot read ${file}`)
  const rallies = 'rallies' in json && Array.isArray(json.rallies) ? json.rallies : [json as Rally]
  const rally = rallies.find((r) => r.id === rallyId)
  if (!rally) fail(`rally ${rallyId} not found in ${file} (it has: ${rallies.map((r) => r.id).join(', ') || 'no rallies'})`)
  return rally
}

async function loadPrivateKey(rallyId: string, kid: string | undefined, keysDir = KEYS_DIR): Promise<{ key: CryptoKey; kid: string }> {
  const dir = join(keysDir, rallyId)
  if (!existsSync(dir)) fail(`no keys in ${dir}: run keygen first`)
  const files = readdirSync(dir).filter((f) => f.endsWith('.private.jwk.json')).sort()
  const file = kid ? `${kid}.private.jwk.json` : files.at(-1)
  if (!file || !files.includes(file)) fail(`no private key ${file ?? ''} in ${dir}`)
  const text = readFileSync(join(dir, file), 'utf8')
  const read = await readPrivateKeyFile(text, process.env.RALLY_KEY_PASSPHRASE ?? '')
  if (read.ok) return { key: read.key.privateKey, kid: read.key.kid }
  if (read.reason !== 'not-a-key-file') fail(`${file}: ${read.reason} (set RALLY_KEY_PASSPHRASE)`)
  // Keys made before the key-file format: a bare JWK with kid and rallyId.
  const stored = JSON.parse(text) as JsonWebKey & { kid: string }
  const jwk: JsonWebKey = { kty: stored.kty, crv: stored.crv, x: stored.x, y: stored.y, d: stored.d }
  return { key: await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']), kid: stored.kid }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
export { groupCode }
const codeHtml = (code: string) => code.match(/.{1,6}/g)!.map((g) => `<span>${esc(g)}</span>`).join(' ')

export type { SignedCode }

export function signAll(rally: Rally, key: CryptoKey, kid: string, validFrom: string, validUntil: string): Promise<SignedCode[]> {
  return signCheckpointCodes(rally, { kid, privateKey: key }, validFrom, validUntil)
}

export async function sheetHtml(rally: Rally, codes: SignedCode[], validFrom: string, validUntil: string): Promise<string> {
  const cards = await Promise.all(
    codes.map(async (c) => {
      const svg = await QRCode.toString(c.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return `<section class="card">
  <h2>${esc(c.name.ja)}${c.name.en ? `<br><span class="en">${esc(c.name.en)}</span>` : ''}</h2>
  <div class="qr">${svg}</div>
  <p class="code" aria-label="${esc(c.code)}">${codeHtml(c.code)}</p>
  <p class="meta">QRコードが読めないときは、アプリの「コードでチェックイン」に上の文字を入力してください（空白は不要）。<br>If the QR code cannot be scanned, type the code above in the app.</p>
</section>`
    }),
  )
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${esc(rally.name.ja)} — チェックインコード</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: "IPAGothic", "Hiragino Sans", "Noto Sans JP", sans-serif; color: #111; margin: 0; }
  header { margin-bottom: 6mm; }
  h1 { font-size: 18pt; margin: 0 0 2mm; }
  .valid { font-size: 11pt; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
  .card { border: 1px dashed #666; padding: 4mm; break-inside: avoid; text-align: center; }
  .card h2 { font-size: 13pt; margin: 0 0 2mm; }
  .card .en { font-size: 10pt; font-weight: 400; }
  .qr svg { width: 55mm; height: 55mm; }
  .code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 10.5pt; word-spacing: 2pt; margin: 2mm 0; }
  .code span { white-space: nowrap; }
  @media screen { body { padding: 12mm; max-width: 210mm; } }
  .meta { font-size: 8pt; color: #444; margin: 0; }
</style>
</head>
<body>
<header>
  <h1>${esc(rally.name.ja)}${rally.name.en ? ` / ${esc(rally.name.en)}` : ''}</h1>
  <p class="valid">有効期間 Valid: ${esc(validFrom)} 〜 ${esc(validUntil)}（日本時間 JST）</p>
</header>
<main class="grid">
${cards.join('\n')}
</main>
</body>
</html>
`
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  const { values } = parseArgs({
    args: rest,
    options: {
      rally: { type: 'string' },
      kid: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      snapshot: { type: 'string', default: join(ROOT, 'public/data/snapshot.json') },
      out: { type: 'string' },
      code: { type: 'string' },
      date: { type: 'string' },
    },
  })
  if (command === 'keygen') {
    if (!values.rally) fail('--rally is required')
    const kid = values.kid ?? `${values.rally.slice(0, 40)}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`
    const result = await keygen(values.rally, kid)
    console.log(`private key: ${result.privatePath} (keep it secret; not committed)`)
    console.log(`public key added to ${result.publicFile}: ${JSON.stringify(result.publicKey)}`)
  } else if (command === 'sign') {
    if (!values.rally || !values.from || !values.until) fail('--rally, --from and --until are required')
    if (!DATE.test(values.from) || !DATE.test(values.until) || values.from > values.until) fail('--from/--until must be YYYY-MM-DD, from <= until')
    const rally = loadRally(values.snapshot!, values.rally)
    const { key, kid } = await loadPrivateKey(values.rally, values.kid)
    if (!rally.keys.some((k) => k.kid === kid)) console.warn(`warning: key ${kid} is not in this snapshot's rally keys yet; the app will refuse the codes until the snapshot lists it`)
    const codes = await signAll(rally, key, kid, values.from, values.until)
    const out = resolve(values.out ?? join(ROOT, 'dist-rally', values.rally))
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'codes.json'), JSON.stringify({ rallyId: rally.id, kid, validFrom: values.from, validUntil: values.until, codes }, null, 2) + '\n')
    writeFileSync(join(out, 'sheet.html'), await sheetHtml(rally, codes, values.from, values.until))
    console.log(`${codes.length} codes signed with ${kid}, valid ${values.from}..${values.until} (JST)`)
    console.log(`wrote ${join(out, 'codes.json')} and ${join(out, 'sheet.html')} (open in a browser and print)`)
  } else if (command === 'verify') {
    if (!values.code) fail('--code is required')
    const json = readJson<{ rallies?: Rally[] }>(values.snapshot!, {})
    const now = values.date ? Date.parse(`${values.date}T12:00:00+09:00`) : Date.now()
    const result = await verifyRallyCode(values.code, { rallies: json.rallies ?? [], now })
    console.log(result.ok ? `valid: ${result.rally.id} / ${result.checkpoint.id}` : `rejected: ${result.reason}`)
    process.exitCode = result.ok ? 0 : 2
  } else {
    console.log(readFileSync(import.meta.filename, 'utf8').split('*/')[0]!.replace(/^#!.*\n\/\*\*?/, '').replace(/^ \* ?/gm, ''))
    process.exitCode = command ? 1 : 0
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main()
