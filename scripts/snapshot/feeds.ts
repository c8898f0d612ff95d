/** The open-data feeds in ../shared/data/opendata/, in priority order (the municipalities' own files first). */
import type { FileConfig } from './importers'

export const FEEDS: FileConfig[] = [
  { file: '641.csv', source: 'yamaguchi-city-facilities', idPrefix: 'yamaguchi', asOf: '2022-03-31' },
  { file: 'kankospot.csv', source: 'ube-kankospot', idPrefix: 'ube', asOf: '2025-03-31' },
  { file: '3101.csv', source: 'mine-tourism', idPrefix: 'mine', asOf: '2022-03-31' },
  { file: '352161_tourism.csv', source: 'sanyoonoda-tourism', idPrefix: 'sanyoonoda', asOf: '2022-03-31' },
  { file: '350001_tourism.csv', source: 'yamaguchi-pref-tourism', idPrefix: 'pref', asOf: '2022-03-31' },
  { file: '350001_event.csv', source: 'yamaguchi-pref-event', idPrefix: 'pref-ev', asOf: '2022-03-31' },
  { file: 'ube_event.csv', source: 'ube-event', idPrefix: 'ube-ev', asOf: '2026-03-31' },
]
