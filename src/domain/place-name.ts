/**
 * Place names as compared by the data pipeline (duplicates, event venues) and
 * by the app (a saved place merged into another record): width, spaces and
 * Japanese quotation brackets ignored; round brackets kept, because
 * 萩藩主毛利家墓所（大照院墓所） and （東光寺墓所） are different places.
 */
export function plainPlaceName(name: string): string {
  return name.normalize('NFKC').replace(/[\s「」『』【】]/g, '')
}

/** A plain name without a town's own name in front (「宇部市渡辺翁記念会館」, town 宇部市 → 「渡辺翁記念会館」); never empties the name. */
export function withoutTownName(name: string, town: string | undefined): string {
  return town && name.startsWith(town) && name.length > town.length ? name.slice(town.length) : name
}
