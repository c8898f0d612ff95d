/**
 * Living here: scheme filters (memory only), the mover's questionnaire answers
 * and the saved result list (both kept on this device, in the settings store;
 * nothing is ever sent anywhere).
 */
import { defineStore } from 'pinia'
import { SETTING } from '@/domain/storage-keys'
import { computed, ref, shallowRef, toRaw } from 'vue'
import * as v from 'valibot'
import { todayInTokyo } from '@/domain/event-dates'
import { townFacts, upcomingMigrationEvents } from '@/domain/living-town'
import { matchSchemes, type MoverProfile } from '@/domain/scheme-match'
import { inSchemeOrder } from '@/domain/scheme-order'
import { AGE_BANDS, AUDIENCES, HOUSEHOLDS, MUNICIPALITY_CODES, SCHEME_CATEGORIES, WORK_STYLES, type MunicipalityCode } from '@/domain/snapshot-constants'
import type { Scheme } from '@/domain/snapshot-schema'
import { useRecordsStore } from './records'
import { useUserDataStore } from './user-data'

export const ANSWERS_SETTING = SETTING.livingAnswers
export const SAVED_RESULTS_SETTING = SETTING.livingSavedResults

export type TownFilter = 'all' | 'region' | MunicipalityCode
export type CategoryFilter = 'all' | Scheme['category']
export type AudienceFilter = 'all' | Scheme['audience'][number]

const ProfileSchema = v.object({
  ageBand: v.optional(v.picklist(AGE_BANDS)),
  household: v.optional(v.picklist(HOUSEHOLDS)),
  municipality: v.picklist([...MUNICIPALITY_CODES, 'undecided']),
  work: v.optional(v.picklist(WORK_STYLES)),
  trialStay: v.optional(v.boolean()),
})
const SavedResultsSchema = v.object({ savedAt: v.string(), profile: ProfileSchema, matched: v.array(v.string()) })
export type SavedResults = v.InferOutput<typeof SavedResultsSchema>

function parseJson<T>(schema: v.GenericSchema<unknown, T>, raw: unknown): T | null {
  if (typeof raw !== 'string') return null
  try {
    const result = v.safeParse(schema, JSON.parse(raw))
    return result.success ? result.output : null
  } catch {
    return null
  }
}

export const emptyProfile = (): MoverProfile => ({ municipality: 'undecided' })

export const useLivingStore = defineStore('living', () => {
  const records = useRecordsStore()
  const user = useUserDataStore()

  /** Schemes by category (the schema's order), then region-wide first and the towns in the usual order. */
  const schemes = computed(() => inSchemeOrder(records.schemes))

  /** The seven towns in the usual order (山口市 first, 津和野町 last): the records store keeps them so. */
  const municipalities = computed(() => records.municipalities)

  // Filters for the schemes browser.
  const town = ref<TownFilter>('all')
  const category = ref<CategoryFilter>('all')
  const audience = ref<AudienceFilter>('all')
  const filteredSchemes = computed(() =>
    schemes.value.filter(
      (s) =>
        (town.value === 'all' || s.municipality === town.value) &&
        (category.value === 'all' || s.category === category.value) &&
        (audience.value === 'all' || s.audience.includes(audience.value)),
    ),
  )
  function resetFilters() {
    town.value = 'all'
    category.value = 'all'
    audience.value = 'all'
  }

  // The questionnaire: the answers being edited, and the ones the results are for.
  const draft = ref<MoverProfile>(emptyProfile())
  const profile = shallowRef<MoverProfile | null>(null)
  const results = computed(() => (profile.value ? matchSchemes(profile.value, schemes.value) : []))
  const saved = shallowRef<SavedResults | null>(null)
  const restored = ref(false)

  /** Bring back the answers and the saved list from this device (once). */
  async function restore() {
    if (restored.value) return
    restored.value = true
    const [answers, list] = await Promise.all([user.setting(ANSWERS_SETTING).catch(() => undefined), user.setting(SAVED_RESULTS_SETTING).catch(() => undefined)])
    const p = parseJson(ProfileSchema, answers)
    if (p && !profile.value) {
      draft.value = { ...p }
      profile.value = { ...p }
    }
    saved.value = parseJson(SavedResultsSchema, list)
  }

  /** Show the results for the current answers and remember the answers on this device. */
  async function submit() {
    const p = { ...toRaw(draft.value) }
    profile.value = p
    await user.setSetting(ANSWERS_SETTING, JSON.stringify(p)).catch(() => undefined)
  }

  async function clearAnswers() {
    draft.value = emptyProfile()
    profile.value = null
    await user.setSetting(ANSWERS_SETTING, null).catch(() => undefined)
  }

  /** Keep the current result list on this device. Resolves false when it could not be stored. */
  async function saveResults(now = new Date()): Promise<boolean> {
    if (!profile.value) return false
    const list: SavedResults = { savedAt: now.toISOString(), profile: { ...profile.value }, matched: results.value.filter((r) => r.matched).map((r) => r.scheme.id) }
    try {
      await user.setSetting(SAVED_RESULTS_SETTING, JSON.stringify(list))
      saved.value = list
      return true
    } catch {
      return false
    }
  }

  // Town profiles and events for movers; "today" is the calendar date in Japan.
  const today = ref(todayInTokyo())
  const towns = computed(() => municipalities.value.map((m) => townFacts(m, { schemes: schemes.value, events: records.events, spots: records.spots }, today.value)))
  const townByCode = computed(() => new Map(towns.value.map((f) => [f.municipality.code, f])))
  const moverEvents = computed(() => upcomingMigrationEvents(records.events, today.value))

  const categories = SCHEME_CATEGORIES
  const audiences = AUDIENCES

  return { schemes, municipalities, town, category, audience, filteredSchemes, resetFilters, draft, profile, results, saved, restore, submit, clearAnswers, saveResults, today, towns, townByCode, moverEvents, categories, audiences }
})
