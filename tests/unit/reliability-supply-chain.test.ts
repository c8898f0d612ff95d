// @vitest-environment node
/**
 * Supply chain (issue 10, item 13): installs come from the committed lockfile
 * (`npm ci` in .ci/run), every locked package is pinned by integrity hash to
 * the npm registry, and `npm audit` is judged by scripts/check-audit.mjs (which
 * npm test runs last, against the real registry, with a time limit).
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs script without types
import { evaluateAudit, readExceptions, runAudit } from '../../scripts/check-audit.mjs'

const root = resolve(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))

describe('lockfile', () => {
  it('CI installs with `npm ci` (exactly the lockfile), and npm test runs the audit check', () => {
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm ci\b/m)
    expect(pkg.scripts.test).toMatch(/node scripts\/check-audit\.mjs &&/)
  })

  it('the lockfile matches package.json exactly (npm ci would refuse otherwise) and versions are pinned', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2)
    const rootEntry = lock.packages['']
    expect(rootEntry.dependencies).toEqual(pkg.dependencies)
    expect(rootEntry.devDependencies).toEqual(pkg.devDependencies)
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(range, `${name} must be pinned to an exact version (npm install --save-exact)`).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/)
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(range)
    }
  })

  it('every locked package has an integrity hash and comes from the npm registry', () => {
    const problems: string[] = []
    for (const [path, entry] of Object.entries<Record<string, unknown>>(lock.packages)) {
      if (!path || entry.link) continue
      if (!/^sha512-/.test(String(entry.integrity ?? ''))) problems.push(`${path}: no sha512 integrity`)
      if (entry.resolved !== undefined && !String(entry.resolved).startsWith('https://registry.npmjs.org/')) problems.push(`${path}: resolved from ${String(entry.resolved)}`)
    }
    expect(problems).toEqual([])
  })
})

describe('audit judgement (scripts/check-audit.mjs)', () => {
  const report = (vulnerabilities: Record<string, unknown>) => ({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: {} } })

  it('passes a clean report; fails on high/critical; moderate is tolerated', () => {
    expect(evaluateAudit(report({})).ok).toBe(true)
    expect(evaluateAudit(report({ foo: { severity: 'moderate', via: ['x'] } })).ok).toBe(true)
    const bad = evaluateAudit(report({ foo: { severity: 'high', range: '<1.2.3', via: [{ title: 'Prototype pollution in foo' }] } }))
    expect(bad.ok).toBe(false)
    expect(bad.problems[0]).toMatch(/foo: high vulnerability \(<1\.2\.3; Prototype pollution in foo\)/)
  })

  it('a high finding listed with a reason under "Audit exceptions" in the README is accepted', () => {
    const exceptions = readExceptions('# X\n\n### Audit exceptions\n\n- foo: only used by the build, never shipped; no fix released yet.\n\n## Next\n- bar: not an exception here')
    expect([...exceptions.keys()]).toEqual(['foo'])
    expect(evaluateAudit(report({ foo: { severity: 'critical', via: [] } }), exceptions).ok).toBe(true)
  })

  it('an unreachable or refusing audit endpoint fails with a clear message (never a silent pass)', () => {
    const result = evaluateAudit({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 })
    expect(result.ok).toBe(false)
    expect(result.unreachable).toBe(true)
    expect(result.problems[0]).toMatch(/audit endpoint could not be used: 405 Method Not Allowed/)
  })

  it('npm audit that does not answer is stopped at the time limit (no hang)', async () => {
    const result = await runAudit({ timeoutMs: 1, cwd: root })
    expect(evaluateAudit(result).ok).toBe(false)
  })

  it('the README lists no exception without a reason', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    for (const [name, reason] of readExceptions(readme)) expect(reason.length, name).toBeGreaterThan(10)
  })
})
