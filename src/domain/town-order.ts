/**
 * The one order of the seven towns on every screen: the order the region's own plans list them
 * (山口市, 宇部市, 萩市, 防府市, 美祢市, 山陽小野田市, 津和野町) — MUNICIPALITY_CODES. IndexedDB
 * returns them by key (32501 津和野町 first), which no person would recognise.
 */
import { MUNICIPALITY_CODES, type MunicipalityCode } from './snapshot-constants'
import { compareCodeUnits } from './text-order'

const RANK = new Map<string, number>(MUNICIPALITY_CODES.map((code, i) => [code, i]))

export function townRank(code: MunicipalityCode | string): number {
  return RANK.get(code) ?? MUNICIPALITY_CODES.length
}

export function inTownOrder<T extends { code: string }>(towns: readonly T[]): T[] {
  return [...towns].sort((a, b) => townRank(a.code) - townRank(b.code) || compareCodeUnits(a.code, b.code))
}
