/**
 * A `waybill.config.ts` without a TypeScript loader: `loadConfig`, bundled and run by plain `node` (no tsx, as an
 * installed waybill runs), either loads it (a Node that strips types) or fails with a ConfigError that says to use a
 * loader or an .mjs file. Guards against a bare ERR_UNKNOWN_FILE_EXTENSION reaching the user.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'waybill-serve-ts-'))

describe('a TypeScript config file under plain node', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('loads where Node strips types, and otherwise says what to do', async () => {
    const entry = join(dir, 'entry.ts')
    writeFileSync(
      entry,
      [
        `import { loadConfig } from ${JSON.stringify(new URL('../../src/serve/load.ts', import.meta.url).pathname)}`,
        'try {',
        '  const config = await loadConfig(process.argv[2])',
        '  console.log(JSON.stringify({ loaded: config.adapters.map((a) => a.id) }))',
        '} catch (error) {',
        '  console.log(JSON.stringify({ code: error.code, message: error.message }))',
        '}',
      ].join('\n'),
    )
    const bundle = join(dir, 'load.mjs')
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    })
    const config = join(dir, 'waybill.config.ts')
    writeFileSync(
      config,
      "const adapter: { id: string; normalize: () => unknown } = { id: 'plain', normalize: () => ({}) }\nexport default { adapters: [adapter] }\n",
    )
    const { stdout } = await run(process.execPath, [bundle, config], {
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    const answer = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      loaded?: string[]
      code?: string
      message?: string
    }
    if ((process.features as { typescript?: unknown }).typescript) expect(answer.loaded).toEqual(['plain'])
    else {
      expect(answer.code).toBe('ERR_CONFIG')
      expect(answer.message).toContain('is TypeScript, and this Node cannot load it')
      expect(answer.message).toContain('--import tsx')
      expect(answer.message).toContain('waybill.config.mjs')
    }
  }, 60_000)
})
