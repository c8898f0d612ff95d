import { describe, expect, it } from 'vitest'
import { generateSnapshotText } from '../../bench/lib/generate.mjs'
import { parseSnapshot } from '@/domain/snapshot-validate'

describe('benchmark snapshot generator', () => {
  it('produces snapshots the app’s own validator accepts, with the requested number of records', async () => {
    for (const count of [1, 250]) {
      const snapshot = await parseSnapshot(await generateSnapshotText(count))
      expect(snapshot.spots.length + snapshot.events.length).toBe(count)
      expect(snapshot.municipalities).toHaveLength(7)
      expect(snapshot.spots.filter((s) => s.point).length).toBeGreaterThan(0)
    }
  })

  it('is deterministic, so every run measures the same data', async () => {
    expect(await generateSnapshotText(100)).toBe(await generateSnapshotText(100))
  })
})
