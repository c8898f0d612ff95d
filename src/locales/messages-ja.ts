/** Every message of this language in one chunk (the files in ./ja/ are split per feature area for editing only). */
const files = import.meta.glob<Record<string, unknown>>('./ja/*.json', { eager: true, import: 'default' })
export default Object.assign({}, ...Object.values(files)) as Record<string, unknown>
