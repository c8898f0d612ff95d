/**
 * Leaflet's ES module build. Importing it (rather than the UMD `leaflet` main)
 * keeps the bundler's CommonJS interop helpers out of the shared entry chunk.
 */
import * as L from 'leaflet/dist/leaflet-src.esm.js'

export default L
