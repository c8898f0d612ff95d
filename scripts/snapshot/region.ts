/**
 * Region and plausibility rules applied to every record:
 * - the municipality from the address text and from the point's polygon (disagreements reported);
 * - only the 7 municipalities are kept;
 * - a point is trusted only when it lies inside the record's municipality and is
 *   not shared exactly by unrelated records (a placeholder such as a city hall).
 */
import { containsPoint } from '../../src/domain/geo'
import type { Municipality, MunicipalityCode, Point } from '../../src/domain/snapshot-schema'
import { withoutTownName } from '../../src/domain/place-name'
import { nfkc } from './csv'

export const REGION_NAMES: Record<string, MunicipalityCode> = {
  山口市: '35203',
  宇部市: '35202',
  萩市: '35204',
  防府市: '35206',
  美祢市: '35213',
  山陽小野田市: '35216',
  津和野町: '32501',
}

/** Other municipalities of Yamaguchi (and the neighbours of 津和野町) that the feeds mention. */
const OUTSIDE_NAMES = [
  '下関市', '周南市', '岩国市', '光市', '下松市', '柳井市', '長門市', '周防大島町', '和木町', '上関町', '田布施町', '平生町', '阿武町',
  '益田市', '吉賀町', '浜田市', '北九州市', '広島市',
]

export type AddressMunicipality = MunicipalityCode | 'outside' | undefined

/** 「山口県山口市香山町7-1」→ 35203; 「山口県下関市…」→ 'outside'; 「則貞三丁目4番1号」→ undefined. */
export function municipalityFromAddress(address: string | undefined): AddressMunicipality {
  if (!address) return undefined
  const s = nfkc(address)
    .replace(/^\s*〒?\s*\d{3}-?\d{4}\s*/, '')
    .replace(/^(山口県|島根県)/, '')
    .replace(/^[^\s\d]{1,4}郡(?=[^\s\d]{1,4}[町村])/, '')
  for (const [name, code] of Object.entries(REGION_NAMES)) if (s.startsWith(name)) return code
  if (OUTSIDE_NAMES.some((n) => s.startsWith(n))) return 'outside'
  return undefined
}

/** A municipality named anywhere in a free text (e.g. an event's 場所名称), first one wins. */
export function municipalityInText(textValue: string | undefined): AddressMunicipality {
  if (!textValue) return undefined
  const s = nfkc(textValue)
  let best: { index: number; code: MunicipalityCode | 'outside' } | undefined
  for (const [name, code] of [...Object.entries(REGION_NAMES), ...OUTSIDE_NAMES.map((n) => [n, 'outside'] as const)]) {
    const index = s.indexOf(name)
    if (index >= 0 && (!best || index < best.index)) best = { index, code }
  }
  return best?.code
}

export class Region {
  constructor(readonly municipalities: Municipality[]) {}

  /** The municipality whose polygon contains the point, or undefined (outside the region or at sea). */
  municipalityAt(point: Point): MunicipalityCode | undefined {
    return this.municipalities.find((m) => containsPoint(m.boundary, point))?.code
  }

  contains(code: MunicipalityCode, point: Point): boolean {
    const m = this.municipalities.find((x) => x.code === code)
    return !!m && containsPoint(m.boundary, point)
  }
}

export const pointKey = (p: Point): string => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`

/** Name without brackets and generic suffixes, for relatedness and duplicate checks. */
export function coreName(name: string): string {
  return nfkc(name)
    .replace(/[「」『』【】]/g, '')
    .replace(/\(.*?\)|（.*?）/g, '')
    .replace(/\s+/g, '')
}

/** A place name without its own town's name in front: 「宇部市渡辺翁記念会館」 in 宇部市 → 「渡辺翁記念会館」. */
export function withoutTown(name: string, code: MunicipalityCode): string {
  return withoutTownName(name, Object.keys(REGION_NAMES).find((n) => REGION_NAMES[n] === code))
}

/** Address without prefecture/municipality/spaces, kept only when it has a number. */
export function coreAddress(address: string | undefined): string | undefined {
  if (!address) return undefined
  const s = nfkc(address).replace(/\s+/g, '').replace(/^(山口県|島根県)/, '').replace(/^[^\d]{1,4}?[市町村]/, '')
  return /\d/.test(s) ? s.replace(/[‐―ー－−-]/g, '-') : undefined
}

/** Same numbered address, also when one adds a note after the number (「糸米2-9」 / 「糸米2-9 木戸神社先」). */
function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  return long.startsWith(short) && !/^[\d-]/.test(long.slice(short.length))
}

export interface PointHolder {
  key: string
  name: string
  address?: string
  point: Point
}

/**
 * Records sharing exactly the same point are fine when they are related: the same
 * numbered address (瑠璃光寺 and its 五重塔) or one name contains the other
 * (功山寺 / 功山寺仏殿) – a name only containing the other is not related. When the records at one point fall into more than one
 * unrelated group, the point is a placeholder for all of them.
 * `minGroups` unrelated groups make a placeholder (2 among places; more where records may
 * rightly borrow a place's point, as events do).
 * Returns the keys of the records whose point is a placeholder, with the other names.
 */
export function sharedPlaceholders(holders: PointHolder[], minGroups = 2): Map<string, string[]> {
  const byPoint = new Map<string, PointHolder[]>()
  for (const h of holders) {
    const k = pointKey(h.point)
    const list = byPoint.get(k)
    if (list) list.push(h)
    else byPoint.set(k, [h])
  }
  const result = new Map<string, string[]>()
  for (const group of byPoint.values()) {
    if (group.length < 2) continue
    const parent = group.map((_, i) => i)
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!
        const b = group[j]!
        const na = coreName(a.name)
        const nb = coreName(b.name)
        const aa = coreAddress(a.address)
        const ab = coreAddress(b.address)
        // Same numbered address, or one name starts with the other (功山寺 / 功山寺仏殿);
        // a name merely containing another (「Mine秋吉台ジオパークセンター」 / 秋吉台) is not enough.
        const related = sameAddress(aa, ab) || (na.length >= 2 && nb.length >= 2 && (na.startsWith(nb) || nb.startsWith(na)))
        if (related) parent[find(i)] = find(j)
      }
    }
    const roots = new Set(group.map((_, i) => find(i)))
    if (roots.size >= minGroups) {
      for (const h of group) result.set(h.key, group.filter((o) => o !== h).map((o) => o.name))
    }
  }
  return result
}
