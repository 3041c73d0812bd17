import { readFileSync } from 'node:fs'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

/** The source file tsup publishes as `waybill/<subpath>`, read from tsup.config.ts. */
function entryOf(subpath: string): string {
  const config = readFileSync('tsup.config.ts', 'utf8')
  const match = new RegExp(`['"]?${subpath}['"]?:\\s*'([^']+)'`).exec(config)
  if (!match?.[1]) throw new Error(`no tsup entry for ${subpath}`)
  return match[1]
}

async function packagesImportedBy(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  })
  return Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path),
  )
}

describe('waybill/testing entry', () => {
  it('does not import vitest (regression: runConformance failed for jest and node:test users without vitest)', async () => {
    const imports = await packagesImportedBy(entryOf('testing'))
    expect(imports.filter((p) => p === 'vitest' || p.startsWith('vitest/'))).toEqual([])
  })

  it('publishes the vitest binding testAdapter on waybill/testing/vitest', async () => {
    const mod = await import(`../../${entryOf('testing/vitest')}`)
    expect(typeof mod.testAdapter).toBe('function')
    expect(await packagesImportedBy(entryOf('testing/vitest'))).toContain('vitest')
  })
})
