// Runs the end-to-end suites against dist/ (build first: `npm run build`): the Chromium suites
// (tests/e2e/*.e2e.mjs) and the cross-engine journeys in Chromium, Firefox and WebKit (engines.e2e.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { ENGINES, missingEngine } from './engines/drivers.mjs'

const engines = (process.env.E2E_ENGINES ?? ENGINES.join(',')).split(',').map((e) => e.trim()).filter(Boolean)
const missing = [...new Set(['chromium', ...engines])].map(missingEngine).filter(Boolean)
if (missing.length) {
  console.error(`\nE2E FAILED: a browser engine is missing.\n  ${missing.join('\n  ')}\n`)
  process.exit(1)
}
if (!existsSync('dist/index.html')) {
  console.error('\nE2E FAILED: dist/ is missing. Run `npm run build` first (npm test does it).\n')
  process.exit(1)
}
const only = process.argv.slice(2)
const files = readdirSync('tests/e2e').filter((f) => f.endsWith('.e2e.mjs')).filter((f) => !only.length || only.some((o) => f.includes(o))).map((f) => `tests/e2e/${f}`)
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
