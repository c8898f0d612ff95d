/**
 * Privacy (issue 10, item 12), unit level: a position from the device stays in
 * memory. Using the location store writes nothing to IndexedDB, localStorage or
 * sessionStorage and sends nothing. A stamp (check-in) record holds only its
 * key, rally, checkpoint, time and method. (The e2e suite checks the same in
 * Chromium with a mocked geolocation.)
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, DB_NAME } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { addStamp } from '@/data/repositories/user-repo'
import { useLocationStore } from '@/stores/location'
import { dumpStores } from '../fixtures/idb-dump'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

/** Distinctive coordinates: their digits must never appear anywhere. */
export const SECRET = { latitude: 34.178496, longitude: 131.473727, accuracy: 12 }
const DIGITS = ['34.178496', '131.473727', '34.1784', '131.4737']

/** What a stamp may contain; the rally developer's check-in code must keep to it. */
export const STAMP_KEYS = ['at', 'checkpointId', 'key', 'method', 'rallyId']

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
  setActivePinia(createPinia())
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(async () => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  await closeDb()
})

describe('location stays on the device', () => {
  it('locate(): the position is in memory only; nothing stored, nothing sent; forget() drops it', async () => {
    await replaceSnapshot(loadCommittedSnapshot())
    const before = await dumpStores()
    const fetchSpy = vi.fn()
    vi.stubGlobal('fetch', fetchSpy)
    const beacon = vi.fn()
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true })
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: PositionCallback) => ok({ coords: { ...SECRET, altitude: null, altitudeAccuracy: null, heading: null, speed: null }, timestamp: Date.now() } as GeolocationPosition) },
    })
    const location = useLocationStore()
    const position = await location.locate({ maxAgeMs: 0 })
    expect(position).toMatchObject({ lat: SECRET.latitude, lng: SECRET.longitude })
    const after = await dumpStores()
    expect(after.hash).toBe(before.hash)
    const everything = JSON.stringify(after.stores) + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
    for (const d of DIGITS) expect(everything).not.toContain(d)
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(beacon).not.toHaveBeenCalled()
    location.forget()
    expect(location.position).toBeNull()
  })

  it('a check-in stores only checkpoint id, rally, time and method (no position, no accuracy)', async () => {
    await addStamp({ key: 'r/c', rallyId: 'r', checkpointId: 'c', at: '2026-11-23T01:00:00.000Z', method: 'gps' })
    const { stores } = await dumpStores(['stamps'])
    for (const stamp of stores.stamps as Record<string, unknown>[]) expect(Object.keys(stamp).sort()).toEqual(STAMP_KEYS)
  })
})
