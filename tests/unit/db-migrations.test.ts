import { openDB } from 'idb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, DB_NAME, DB_VERSION, DbUnavailableError, getDb } from '@/data/db'
import { getSetting, listFavorites, listStamps } from '@/data/repositories/user-repo'

/** A database exactly as version 1 of the app created it, holding user data. */
async function seedVersion1() {
  const db = await openDB(DB_NAME, 1, {
    upgrade(db) {
      for (const [name, keyPath] of [['meta', 'key'], ['sources', 'id'], ['municipalities', 'code'], ['spots', 'id'], ['routes', 'id'], ['events', 'id'], ['schemes', 'id'], ['rallies', 'id'], ['stamps', 'key'], ['favorites', 'key'], ['settings', 'key']] as const) {
        db.createObjectStore(name, { keyPath })
      }
    },
  })
  await db.put('stamps', { key: 'r/c', rallyId: 'r', checkpointId: 'c', at: '2026-01-01T00:00:00Z', method: 'gps' })
  await db.put('favorites', { key: 'spot:a', kind: 'spot', id: 'a', name: { ja: 'A' }, addedAt: '2026-01-01T00:00:00Z' })
  await db.put('settings', { key: 'locale', value: 'en' })
  await db.put('spots', { id: 'a', municipality: '35203' })
  db.close()
}

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(closeDb)

describe('database migrations', () => {
  it(`v1 → v${DB_VERSION}: upgrade succeeds and user data is preserved`, async () => {
    await seedVersion1()
    const db = await getDb()
    expect(db.version).toBe(DB_VERSION)
    expect(await listStamps()).toHaveLength(1)
    expect((await listFavorites())[0]?.id).toBe('a')
    expect(await getSetting('locale')).toBe('en')
    expect(await db.getAllFromIndex('spots', 'byMunicipality', '35203')).toHaveLength(1)
    expect(await db.getAllFromIndex('stamps', 'byRally', 'r')).toHaveLength(1)
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
