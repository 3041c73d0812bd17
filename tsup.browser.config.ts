import { defineConfig } from 'tsup'

/**
 * The <waybill-tracking> custom element as one self-contained browser module, with its types. Built after
 * tsup.config.ts (`npm run build` runs both in turn): the main build's type step clears every .d.ts in dist.
 */
export default defineConfig({
  entry: { 'waybill-tracking': 'src/ui/element.ts' },
  outDir: 'dist/browser',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // Types for the element (`WaybillTrackingElement`, and `document.querySelector('waybill-tracking')`).
  dts: true,
  splitting: false,
  clean: true,
  sourcemap: true,
  noExternal: [/.*/],
  external: ['node:*'],
})
