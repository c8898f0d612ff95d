/** Every message of this language in one chunk (the files in ./en/ are split per feature area for editing only). */
const files = import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' })
export default Object.assign({}, ...Object.values(files)) as Record<string, unknown>
