/**
 * The physical limit of a first visit: a copy of the built app whose prerendered pages have no scripts
 * (the same HTML and inline CSS, nothing to download, parse or run after it). Served beside the app in
 * the same Lighthouse run, it is the "static page of the same content" row.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function staticCopy(dist = 'dist') {
  const dir = mkdtempSync(join(tmpdir(), 'yume-static-'))
  cpSync(dist, dir, { recursive: true })
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8')
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
      .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    writeFileSync(join(dir, file), html)
  }
  // No service worker in the static copy: it would register nothing, but keep the files honest.
  return dir
}
