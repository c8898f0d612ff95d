/**
 * Migrations (issue 10, item 6): a database seeded at EVERY past version, with
 * personal data, opens with the current code; the upgrade succeeds, the layout
 * is the current one and the personal data is exactly as it was. A database
 * written by a newer app is reported ("please reload"), never deleted.
 */
import { openDB } from 'idb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, DB_NAME, DB_VERSION, DbUnavailableError, getDb, USER_STORES } from '@/data/db'
import { getSetting, listFavorites, listSavedAreas, listStamps } from '@/data/repositories/user-repo'
import { createLayout, DB_LAYOUTS, readLayout, SNAPSHOT_DATA, USER_DATA_BY_VERSION } from '../fixtures/db-versions'

async function seed(version: number) {
  const db = await openDB(DB_NAME, version, { upgrade: (d) => createLayout(d, DB_LAYOUTS[version]!) })
  const data = USER_DATA_BY_VERSION[version]!
  for (const store of USER_STORES) for (const record of data[store] ?? []) await db.put(store as never, record as never)
  for (const [store, records] of Object.entries(SNAPSHOT_DATA)) for (const record of records) await db.put(store as never, record as never)
  db.close()
}

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(closeDb)

const PAST = Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1)

describe('database migrations', () => {
  it('every version up to the current one has a layout fixture and user data (add one when DB_VERSION goes up)', () => {
    for (let v = 1; v <= DB_VERSION; v++) {
      expect(DB_LAYOUTS[v], `tests/fixtures/db-versions.ts: layout of version ${v}`).toBeDefined()
      expect(USER_DATA_BY_VERSION[v], `tests/fixtures/db-versions.ts: user data of version ${v}`).toBeDefined()
    }
  })

  it('a fresh install creates exactly the current layout', async () => {
    expect(readLayout((await getDb()) as never)).toEqual(DB_LAYOUTS[DB_VERSION])
  })

  it.each(PAST)(`v%i → v${DB_VERSION}: upgrade succeeds, layout is current, personal data is preserved exactly`, async (version) => {
    await seed(version)
    const db = await getDb()
    expect(db.version).toBe(DB_VERSION)
    expect(readLayout(db as never)).toEqual(DB_LAYOUTS[DB_VERSION])
    const before = USER_DATA_BY_VERSION[version]!
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key)
    expect([...(await listStamps())].sort(byKey)).toEqual([...(before.stamps as { key: string }[])].sort(byKey))
    expect([...(await listFavorites())].sort(byKey)).toEqual([...(before.favorites as { key: string }[])].sort(byKey))
    expect(await getSetting('locale')).toBe('en')
    expect(await getSetting('onboarded')).toBe(true)
    expect(await listSavedAreas()).toEqual(before.savedAreas ?? [])
    // The indexes the current code relies on work on migrated records.
    expect(await db.getAllFromIndex('spots', 'byMunicipality', '35203')).toHaveLength(1)
    expect(await db.getAllFromIndex('stamps', 'byRally', 'rally-a')).toHaveLength(2)
  })

  it('a database written by a newer app is reported, not deleted', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('stamps', { keyPath: 'key' }).put({ key: 'keep' })
      },
    })
    newer.close()
    await expect(getDb()).rejects.toBeInstanceOf(DbUnavailableError)
    await expect(getDb()).rejects.toMatchObject({ reason: 'newer-version' })
    const again = await openDB(DB_NAME)
    expect(again.version).toBe(DB_VERSION + 1)
    expect(await again.get('stamps', 'keep')).toEqual({ key: 'keep' })
    again.close()
  })
})
