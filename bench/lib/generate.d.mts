import type { Snapshot, SnapshotBody } from '../../src/domain/snapshot-schema'
export function loadSampleSnapshot(): Snapshot
export function generateBody(count: number, options?: { seed?: number; sample?: Snapshot }): SnapshotBody
export function canonicalBody(body: SnapshotBody): string
export function generateSnapshot(count: number, options?: { seed?: number; sample?: Snapshot }): Promise<Snapshot>
export function generateSnapshotText(count: number, options?: { seed?: number; sample?: Snapshot }): Promise<string>
