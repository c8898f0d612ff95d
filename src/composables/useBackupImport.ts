/** Opening a backup (file or QR transfer) and saying what happened, in the person's language. */
import { useI18n } from '@/modules/translate'
import { useUserDataStore } from '@/stores/user-data'

export function useBackupImport() {
  const { t } = useI18n()
  const user = useUserDataStore()
  return async function open(text: string): Promise<{ ok: boolean; text: string }> {
    try {
      const result = await user.importFile(text)
      return result.ok ? { ok: true, text: t('mydata.backup.imported', { ...result.added }) } : { ok: false, text: t('mydata.backup.invalid', { detail: result.detail }) }
    } catch (error) {
      // Storage full or read-only: the storage banner explains; say here that nothing was added.
      return { ok: false, text: t('mydata.backup.saveFailed', { detail: error instanceof Error ? error.message : String(error) }) }
    }
  }
}
