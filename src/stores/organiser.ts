/**
 * The organiser screen's state: the rally being defined (in memory; kept as an exported file, not
 * in the app), the signing key of this session (in memory only: the private key leaves the app only
 * as a file the organiser saves, optionally sealed), and the signed codes. Every rule lives in
 * domain/rally-organiser.ts, shared with the CLI and the data pipeline.
 */
import { defineStore } from 'pinia'
import { computed, reactive, shallowRef } from 'vue'
import { containsPoint } from '@/domain/geo'
import { tokyoClock } from '@/domain/tokyo-clock'
import type { RallyDefinition, RallyKey, RallyPublicKey, SignedCode } from '@/domain/rally-organiser'
import type { Spot } from '@/domain/snapshot-schema'
import { useRecordsStore } from './records'

export interface DraftCheckpoint {
  spotId: string
  name: { ja: string; en?: string }
  municipality: Spot['municipality']
  point: { lat: number; lng: number }
  radiusM: number
  gps: boolean
  qr: boolean
}

const emptyDraft = () => ({
  id: '',
  nameJa: '',
  nameEn: '',
  descriptionJa: '',
  start: '',
  end: '',
  rule: 'all' as 'all' | 'any',
  count: 1,
  rewardJa: '',
  handover: 'counter' as 'counter' | 'code',
  organiser: '',
  checkpoints: [] as DraftCheckpoint[],
})

type Domain = typeof import('@/domain/rally-organiser')
let domain: Promise<Domain> | null = null
/** The organiser's functions (and valibot) load with this screen only. */
const organiserDomain = () => (domain ??= import('@/domain/rally-organiser'))

export const useOrganiserStore = defineStore('organiser', () => {
  const records = useRecordsStore()
  const draft = reactive(emptyDraft())
  /** Public keys published with the rally (old ones stay: codes signed with them keep working). */
  const keys = shallowRef<RallyPublicKey[]>([])
  const key = shallowRef<RallyKey | null>(null)
  const codes = shallowRef<SignedCode[]>([])
  const validity = reactive({ from: '', until: '' })

  const definition = computed<RallyDefinition>(() => ({
    format: 'yume-kairo-rally',
    version: 1,
    organiser: draft.organiser.trim(),
    asOf: tokyoClock(new Date()).date,
    keys: keys.value,
    rally: {
      id: draft.id.trim(),
      name: draft.nameEn.trim() ? { ja: draft.nameJa.trim(), en: draft.nameEn.trim() } : { ja: draft.nameJa.trim() },
      description: { ja: draft.descriptionJa.trim() },
      period: draft.end ? { start: draft.start, end: draft.end } : { start: draft.start },
      reward: { rule: draft.rule === 'all' ? { type: 'all' } : { type: 'any', count: draft.count }, text: { ja: draft.rewardJa.trim() }, handover: draft.handover },
      checkpoints: draft.checkpoints.map((c, i) => ({
        id: `cp-${i + 1}`,
        name: c.name,
        municipality: c.municipality,
        point: c.point,
        radiusM: c.radiusM,
        ...(c.spotId ? { spotId: c.spotId } : {}),
        qrId: `${draft.id.trim() || 'rally'}-${i + 1}`,
        methods: [...(c.gps ? ['gps' as const] : []), ...(c.qr ? ['qr' as const] : [])],
      })),
    },
  }))

  async function check() {
    return (await organiserDomain()).checkDefinition(definition.value, records.municipalities)
  }

  function addSpot(spot: Spot) {
    if (!spot.point || draft.checkpoints.some((c) => c.spotId === spot.id)) return
    draft.checkpoints.push({ spotId: spot.id, name: spot.name.en ? { ja: spot.name.ja, en: spot.name.en } : { ja: spot.name.ja }, municipality: spot.municipality, point: spot.point, radiusM: 100, gps: true, qr: true })
  }
  /**
   * A place that is not in the data (or whose published point is not trusted): a name and a point,
   * which must fall inside one of the seven towns (that town is taken). False when it does not.
   */
  function addPoint(name: string, point: { lat: number; lng: number }): boolean {
    const town = records.municipalities.find((m) => containsPoint(m.boundary, point))
    if (!town || !name.trim() || !Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return false
    draft.checkpoints.push({ spotId: '', name: { ja: name.trim() }, municipality: town.code, point, radiusM: 100, gps: true, qr: true })
    return true
  }
  function removeCheckpoint(index: number) {
    draft.checkpoints.splice(index, 1)
    codes.value = []
  }

  async function newKey(): Promise<void> {
    const d = await organiserDomain()
    const stamp = tokyoClock(new Date()).date.replace(/-/g, '')
    const kid = `${draft.id.trim() || 'rally'}-${stamp}-${keys.value.length + 1}`.slice(0, 100)
    const k = await d.generateRallyKey(kid)
    key.value = k
    keys.value = [...keys.value, k.publicKey]
    codes.value = []
  }
  async function keyFile(passphrase: string): Promise<string> {
    if (!key.value) throw new Error('no key')
    return (await organiserDomain()).privateKeyFile(draft.id.trim(), key.value, passphrase)
  }
  /** Opens a saved private key; it must be one of this rally's published keys. */
  async function openKey(text: string, passphrase: string) {
    const read = await (await organiserDomain()).readPrivateKeyFile(text, passphrase)
    if (!read.ok) return read
    if (!keys.value.some((k) => k.kid === read.key.kid && k.x === read.key.publicKey.x)) keys.value = [...keys.value, read.key.publicKey]
    key.value = read.key
    return read
  }

  async function sign(): Promise<void> {
    if (!key.value) throw new Error('no key')
    const { definitionToRally, signCheckpointCodes } = await organiserDomain()
    codes.value = await signCheckpointCodes(definitionToRally(definition.value), key.value, validity.from, validity.until)
  }

  async function exportFile(): Promise<{ ok: true; text: string; name: string } | { ok: false; problems: string[] }> {
    const checked = await check()
    if (!checked.ok) return checked
    return { ok: true, text: (await organiserDomain()).definitionFile(checked.definition), name: `${checked.definition.rally.id}.json` }
  }

  /** Opens an exported definition to edit it (the private key is opened separately). */
  async function importFile(text: string): Promise<{ ok: true } | { ok: false; problems: string[] }> {
    const checked = (await organiserDomain()).parseDefinitionFile(text, records.municipalities)
    if (!checked.ok) return checked
    const { rally, organiser } = checked.definition
    Object.assign(draft, emptyDraft(), {
      id: rally.id,
      nameJa: rally.name.ja,
      nameEn: rally.name.en ?? '',
      descriptionJa: rally.description.ja,
      start: rally.period.start,
      end: rally.period.end ?? '',
      rule: rally.reward.rule.type,
      count: rally.reward.rule.type === 'any' ? rally.reward.rule.count : 1,
      rewardJa: rally.reward.text.ja,
      handover: rally.reward.handover,
      organiser,
      checkpoints: rally.checkpoints.map((c) => ({ spotId: c.spotId ?? '', name: c.name, municipality: c.municipality, point: c.point, radiusM: c.radiusM, gps: !c.methods || c.methods.includes('gps'), qr: !c.methods || c.methods.includes('qr') })),
    })
    keys.value = checked.definition.keys
    key.value = null
    codes.value = []
    return { ok: true }
  }

  return { draft, keys, key, codes, validity, definition, check, addSpot, addPoint, removeCheckpoint, newKey, keyFile, openKey, sign, exportFile, importFile }
})
