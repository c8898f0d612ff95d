/**
 * The open-data feeds in data/feeds/<publisher>/<file> (see data/feeds/README.md), in
 * priority order (the municipalities' own files first).
 */
import type { FileConfig } from './importers'

export interface FeedConfig extends FileConfig {
  /** Folder under data/feeds/: one per publisher. */
  publisher: string
}

export const FEEDS: FeedConfig[] = [
  { publisher: 'yamaguchi-city', file: '641.csv', source: 'yamaguchi-city-facilities', idPrefix: 'yamaguchi', asOf: '2022-03-31' },
  { publisher: 'ube-city', file: 'kankospot.csv', source: 'ube-kankospot', idPrefix: 'ube', asOf: '2025-03-31' },
  { publisher: 'mine-city', file: '3101.csv', source: 'mine-tourism', idPrefix: 'mine', asOf: '2022-03-31' },
  { publisher: 'sanyoonoda-city', file: '352161_tourism.csv', source: 'sanyoonoda-tourism', idPrefix: 'sanyoonoda', asOf: '2022-03-31' },
  { publisher: 'yamaguchi-pref', file: '350001_tourism.csv', source: 'yamaguchi-pref-tourism', idPrefix: 'pref', asOf: '2022-03-31' },
  { publisher: 'yamaguchi-pref', file: '350001_event.csv', source: 'yamaguchi-pref-event', idPrefix: 'pref-ev', asOf: '2022-03-31' },
  { publisher: 'ube-city', file: 'ube_event.csv', source: 'ube-event', idPrefix: 'ube-ev', asOf: '2026-03-31' },
]
