import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

const LEAFLET = { name: 'leaflet', message: 'Import Leaflet only from the map composables (lazy-loaded map route).' }
const DATA = { group: ['@/data', '@/data/*', '../data/*', '../../data/*'], message: 'Only stores/ and data/ use the database: go through a store.' }

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**', 'public/**', 'bench/report*'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [LEAFLET] }],
    },
  },
  // The layers: views and composables reach data only through stores; domain/ is plain logic.
  { files: ['src/**'], rules: { 'no-restricted-imports': ['error', { paths: [LEAFLET], patterns: [DATA] }] } },
  { files: ['src/composables/map/**', 'src/components/map/**'], rules: { 'no-restricted-imports': ['error', { patterns: [DATA] }] } },
  { files: ['src/stores/**', 'src/data/**'], rules: { 'no-restricted-imports': ['error', { paths: [LEAFLET] }] } },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [LEAFLET, ...['vue', 'pinia', 'vue-router'].map((name) => ({ name, message: 'domain/ is plain logic: no Vue, no stores, no database.' }))],
          patterns: [DATA, { group: ['@/stores', '@/stores/*', '../stores/*', '@/modules/*', '../modules/*'], message: 'domain/ is plain logic: no Vue, no stores, no database.' }],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
)
