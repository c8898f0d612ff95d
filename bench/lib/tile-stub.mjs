/**
 * The map's tile server (GSI, https://cyberjapandata.gsi.go.jp), stubbed for Lighthouse: this machine has no
 * internet, and the failed tile requests were logged to the console, which cost `/map` its best-practices score
 * ("errors in the console") though a visitor's phone loads the tiles. A local HTTPS server answers every tile with
 * one plain grey PNG (CORS allowed, as GSI does); Chromium reaches it by `--host-resolver-rules` and trusts its
 * self-signed certificate by its key's hash only (`--ignore-certificate-errors-spki-list`), nothing else.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** GSI_TILE_ORIGIN in src/domain/tiles.ts (the benches run in plain Node, which does not read TypeScript). */
const GSI_TILE_ORIGIN = 'https://cyberjapandata.gsi.go.jp'

/** A 256×256 light grey PNG, a tile's size (a smaller image drawn at 256 px fails "image-size-responsive"). */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAQAAAAEACAIAAADTED8xAAAB/0lEQVR42u3TMQ0AAAzDsPKHuqMYdg/DLBlBpKQdeCsSYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgAA6iAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAwABgADAAGAAOAAcAAYAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA2AAFTAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMAAYAA4ABwABgADAAGAAMgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADgAHAAGAAMAAYAAwABgADwLV32imb/BQDPQAAAABJRU5ErkJggg==', 'base64')

function selfSignedCertificate(host) {
  const dir = mkdtempSync(join(tmpdir(), 'yume-tile-stub-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], { stdio: 'ignore' })
    const pubkey = execFileSync('openssl', ['x509', '-in', cert, '-pubkey', '-noout'])
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pubkey })
    const spki = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64')
    return { key: readFileSync(key), cert: readFileSync(cert), spki }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Starts the stub; `args` are the Chromium flags that send the tile host to it. */
export async function startTileStub() {
  const host = new URL(GSI_TILE_ORIGIN).hostname
  const { key, cert, spki } = selfSignedCertificate(host)
  const server = createServer({ key, cert }, (req, res) => {
    if (!/^\/xyz\/[a-z]+\/\d+\/\d+\/\d+\.png$/.test(new URL(req.url ?? '/', GSI_TILE_ORIGIN).pathname)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': TILE.length, 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=86400' })
    res.end(TILE)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    args: [`--host-resolver-rules=MAP ${host} 127.0.0.1:${port}`, `--ignore-certificate-errors-spki-list=${spki}`],
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
