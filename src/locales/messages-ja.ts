/** Every message of this language in one chunk (the files in ./ja/ are split per feature area for editing only). */
import type { MessageTree } from '@/modules/translate'

const files = import.meta.glob<MessageTree>('./ja/*.json', { eager: true, import: 'default' })
export default Object.assign({}, ...Object.values(files)) as MessageTree
