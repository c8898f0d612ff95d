/**
 * Source categories → the schema's picklists.
 *
 * The 観光施設一覧 feeds have no category column (宇部市's kankospot `categories`
 * holds areas such as 南部エリア, not kinds), so the kind is derived from the name,
 * first matching rule wins. The order matters: an information office inside a
 * station is a facility; a 道の駅 is shopping even when it has an onsen.
 *
 *   facility   案内所, 観光協会, 交流センター, 駐車場, 駅舎 …
 *   shopping   道の駅, まちの駅, 物産, 直売, 市場, しーまーと …
 *   onsen      温泉, 湯, 石風呂
 *   culture    美術館, 博物館, 資料館, 記念館, ミュージアム, 図書館, ホール, 会館, 文化 …
 *   experience 体験, 工房, 窯元, 製作所, キャンプ, ゴルフ, 遊覧, 釣, スキー …
 *   food       酒造, 酒蔵, 蔵元, 茶屋, レストラン, 食堂, かまぼこ …
 *   history    寺, 神社, 宮, 城, 跡, 墓, 旧, 遺跡, 古墳, 碑, 藩, 塾, 宿, 庭園, 門 …
 *   nature     公園, 山, 滝, 峡, 浜, 海岸, 島, 洞, 台, 湖, 池, 川, 渓, 岬, 森, 岩, 花 …
 *   other      everything else
 */
import type { EventCategory, SpotCategory } from '../../src/domain/snapshot-schema'
import { nfkc } from './csv'

const SPOT_RULES: Array<[SpotCategory, RegExp]> = [
  ['facility', /案内所|観光協会|交流センター|観光センター|駐車場|駅舎|インフォメーション|コンベンション|ターミナル/],
  ['shopping', /道の駅|まちの駅|物産|直売|市場|しーまーと|ショップ|商店街|土産|アウトレット/],
  ['onsen', /温泉|の湯|湯治|石風呂|スパ/],
  ['culture', /美術館|博物館|資料館|記念館|ミュージアム|図書館|ホール|会館|文化|芸術|ギャラリー|歴史館|民俗館|郷土館|伝承|学びの森|植物館|科学館|劇場|文学/],
  ['experience', /体験|工房|窯元|窯|製作所|キャンプ|ゴルフ|遊覧|釣|スキー|乗馬|カヌー|サイクリング|パーク|牧場|農園|養鱒|ガラス|陶芸|硯/],
  ['food', /酒造|酒蔵|蔵元|茶屋|レストラン|食堂|かまぼこ|蒲鉾|カフェ|グルメ/],
  ['history', /寺|神社|八幡|天満宮|宮|城|跡|墓|旧|遺跡|古墳|碑|藩|塾|宿|本陣|庭園|門|陵|社|堂|像|地蔵|観音|院|一里塚|往還|町並|町筋|屋敷|家住宅|石橋|反射炉|台場|御茶屋|誕生地|廟|塔|鳥居/],
  ['nature', /公園|山|滝|峡|浜|海岸|島|洞|台|湖|池|川|渓|岬|森|岩|花|桜|梅|自然|海水浴|ビーチ|高原|峠|渓谷|干潟|湾|ダム|緑地|樹|杉|松|棚田|風穴|噴火口|カルスト/],
]

export function spotCategory(name: string): SpotCategory {
  const n = nfkc(name)
  return SPOT_RULES.find(([, re]) => re.test(n))?.[0] ?? 'other'
}

/**
 * イベント一覧 has no category column either; derived from the event name (then
 * the description), first matching rule wins.
 */
const EVENT_RULES: Array<[EventCategory, RegExp]> = [
  ['migration', /移住|定住|UJI|Uターン|暮らし体験/],
  ['business', /セミナー|就職|しごと|仕事|企業|商談|創業|起業|事業承継|求人|合同説明会|ビジネス|デコ活|講習会/],
  ['sports', /マラソン|駅伝|ウォーク|ウオーキング|ウォーキング|スポーツ|サッカー|野球|ソフトボール|ゴルフ|サイクリング|トライアスロン|競技|体操|ヨガ|ラン|レース|カヌー|ボート|水泳|登山|大会/],
  ['food', /グルメ|フード|マルシェ|朝市|市場|酒|収穫|食|ふぐ|カキ|かき|味覚|ランチ|ディナー|そば|うどん|茶会|新茶/],
  ['festival', /祭|まつり|フェスタ|フェスティバル|フェス|花火|おどり|踊|神幸|神事|縁日|夜市|提灯|灯籠|あかり|イルミ|ライトアップ|ファンタジア|カーニバル/],
  ['culture', /展|コンサート|演奏|公演|映画|講演|美術|芸術|文化|音楽|ライブ|落語|能|狂言|歌舞伎|書道|写真|演劇|ミュージカル|シンポジウム|講座|朗読|ワークショップ/],
  ['nature', /花|ホタル|ほたる|紅葉|もみじ|自然|観察|星|桜|梅|つつじ|ツツジ|あじさい|菖蒲|コスモス|バラ|ばら|山焼き|野焼き|遊覧/],
]

export function eventCategory(name: string, description = ''): EventCategory {
  const n = nfkc(name)
  const hit = EVENT_RULES.find(([, re]) => re.test(n))
  if (hit) return hit[0]
  const d = nfkc(description).slice(0, 200)
  return EVENT_RULES.find(([, re]) => re.test(d))?.[0] ?? 'other'
}
