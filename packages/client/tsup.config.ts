import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Browsers and Node ≥ 20 alike: fetch, Request and crypto.randomUUID are globals in both.
  target: 'es2022',
})
