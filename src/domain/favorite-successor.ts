/**
 * A saved place the latest data no longer lists under its id may still be
 * there under another one: when two feeds described the same place, the data
 * update keeps one record (「渡辺翁記念会館」 in the prefecture's file and
 * 「宇部市渡辺翁記念会館」 in 宇部市's). The favourite only knows the name it
 * was saved with, so the match is by name: width, spaces and a town's own name
 * in front ignored, and only when exactly one listed place has that name.
 */
import { plainPlaceName, withoutTownName } from './place-name'
import type { Localized, Municipality, Spot } from './snapshot-schema'

export function successorSpot(saved: Localized, spots: readonly Spot[], municipalities: readonly Municipality[]): Spot | null {
  const towns = municipalities.map((m) => plainPlaceName(m.name.ja))
  const bare = (name: string) => {
    const plain = plainPlaceName(name)
    return withoutTownName(plain, towns.find((t) => plain.startsWith(t)))
  }
  const wanted = bare(saved.ja)
  const matches = spots.filter((s) => bare(s.name.ja) === wanted)
  return matches.length === 1 ? matches[0]! : null
}
