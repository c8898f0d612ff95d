/** The 7 municipalities: boundaries from data/boundaries/municipalities.geojson, census figures from seed 001. */
import { readFileSync } from 'node:fs'
import type { Municipality, MunicipalityCode } from '../../src/domain/snapshot-schema'
import { polygonCentroid } from '../../src/domain/geo'

/** 国勢調査 2010 and 2020 (令和2年 人口速報集計結果), seed 001 「KGI：定住人口」 table. */
const CENSUS: Record<MunicipalityCode, [number, number]> = {
  '35203': [196_627, 194_110],
  '35202': [173_772, 162_707],
  '35204': [53_747, 44_661],
  '35206': [116_611, 114_038],
  '35213': [28_630, 23_267],
  '35216': [64_548, 60_367],
  '32501': [8_426, 6_879],
}

/** Official websites (the municipalities' own domains). */
const WEBSITES: Record<MunicipalityCode, string> = {
  '35203': 'https://www.city.yamaguchi.lg.jp/',
  '35202': 'https://www.city.ube.yamaguchi.jp/',
  '35204': 'https://www.city.hagi.lg.jp/',
  '35206': 'https://www.city.hofu.yamaguchi.jp/',
  '35213': 'https://www2.city.mine.lg.jp/',
  '35216': 'https://www.city.sanyo-onoda.lg.jp/',
  '32501': 'https://www.town.tsuwano.lg.jp/',
}

const PREFECTURE_EN: Record<string, string> = { 山口県: 'Yamaguchi Prefecture', 島根県: 'Shimane Prefecture' }

interface Feature {
  properties: { code: MunicipalityCode; name_ja: string; name_en: string; prefecture_ja: string }
  geometry: Municipality['boundary']
}

export function loadMunicipalities(path: string): Municipality[] {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as { features: Feature[] }
  return collection.features.map((f) => {
    const code = f.properties.code
    const [census2010, census2020] = CENSUS[code]
    return {
      code,
      name: { ja: f.properties.name_ja, en: f.properties.name_en },
      prefecture: { ja: f.properties.prefecture_ja, en: PREFECTURE_EN[f.properties.prefecture_ja] ?? f.properties.prefecture_ja },
      population: { census2010, census2020 },
      centre: polygonCentroid(f.geometry),
      boundary: f.geometry,
      website: WEBSITES[code],
      source: 'mlit-n03-2022',
      sourceRef: `${code} (population: seed-001-vision2)`,
      asOf: '2022-01-01',
    }
  })
}
