/**
 * The column layouts the pipeline understands, recognised from the headers.
 *
 * - 推奨データセット (older national recommended datasets): 観光施設一覧 and イベント一覧
 *   with 住所 / 緯度 / 経度.
 * - 自治体標準オープンデータセット (current standard): 所在地_連結表記 instead of 住所,
 *   barrier-free flags (車椅子可 …).
 * - A reduced 観光施設一覧 (山陽小野田市: no coordinates).
 * - 宇部市's own kankospot.csv (id,title,text,…,adress,…).
 */
export type LayoutId = 'tourism-recommended' | 'tourism-standard' | 'tourism-reduced' | 'ube-kankospot' | 'event-recommended' | 'event-standard'

export interface Layout {
  id: LayoutId
  kind: 'spot' | 'event'
  label: string
  required: string[]
  /** Columns whose presence rules this layout out. */
  absent?: string[]
}

export const LAYOUTS: Layout[] = [
  { id: 'event-standard', kind: 'event', label: 'イベント一覧 (自治体標準オープンデータセット)', required: ['イベント名', '開始日', '所在地_連結表記'] },
  { id: 'event-recommended', kind: 'event', label: 'イベント一覧 (推奨データセット)', required: ['イベント名', '開始日', '住所', '緯度', '経度'] },
  { id: 'tourism-standard', kind: 'spot', label: '観光施設一覧 (自治体標準オープンデータセット)', required: ['名称', '所在地_連結表記', '緯度', '経度'] },
  { id: 'tourism-recommended', kind: 'spot', label: '観光施設一覧 (推奨データセット)', required: ['名称', '住所', '緯度', '経度'] },
  { id: 'tourism-reduced', kind: 'spot', label: '観光施設一覧 (縮小版: 座標なし)', required: ['名称', '住所'], absent: ['緯度', '経度'] },
  { id: 'ube-kankospot', kind: 'spot', label: '宇部市 観光スポット (kankospot 独自形式)', required: ['id', 'title', 'text', 'adress', '緯度', '経度'] },
]

export class LayoutError extends Error {
  constructor(file: string, headers: string[]) {
    const expected = LAYOUTS.map((l) => `  - ${l.label}: ${l.required.join(', ')}`).join('\n')
    super(`${file}: unknown column layout.\n  found columns: ${headers.slice(0, 12).join(', ')}${headers.length > 12 ? ', …' : ''}\n  expected one of:\n${expected}`)
    this.name = 'LayoutError'
  }
}

export function detectLayout(file: string, headers: string[]): Layout {
  const set = new Set(headers)
  const layout = LAYOUTS.find((l) => l.required.every((c) => set.has(c)) && !(l.absent ?? []).some((c) => set.has(c)))
  if (!layout) throw new LayoutError(file, headers)
  return layout
}
