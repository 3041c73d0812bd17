import path from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors/index.js'
import { defineTrackingElement } from '../../src/ui/index.js'

const repoRoot = path.resolve(import.meta.dirname, '../..')

describe('browser entry', () => {
  it('src/ui/element.ts bundles for the browser with no Node built-in left in the output', async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot, 'src/ui/element.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      outfile: 'out.js',
      external: ['node:*'],
      metafile: true,
    })
    const js = result.outputFiles[0]?.text ?? ''
    expect(js).not.toMatch(/["']node:[a-z]+["']/)
    expect(js).toContain('waybill-tracking')
  })

  it('defineTrackingElement outside a browser is a ConfigError, and importing waybill/ui on a server is safe', () => {
    expect(() => defineTrackingElement()).toThrow(ConfigError)
  })
})
