/**
 * The layer rules of docs/architecture.md are enforced by Biome (`noRestrictedImports` overrides in biome.json).
 * These tests lint small probe files with the repository's own biome.json, so that the rules cannot silently stop
 * working (a renamed folder, a pattern Biome reads differently after an upgrade, an override dropped by mistake).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repo = process.cwd()
const biome = join(repo, 'node_modules', '.bin', 'biome')
let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'waybill-layers-'))
  // The repository's configuration, minus the VCS integration (the probe folder is not a git checkout).
  const config = JSON.parse(readFileSync(join(repo, 'biome.json'), 'utf8')) as Record<string, unknown>
  delete config.vcs
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Lints a one-import module at `file` (relative to the probe root): the exit status and Biome's report. */
function lintImport(file: string, specifier: string): { status: number | null; report: string } {
  const path = join(root, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `import { value } from '${specifier}'\n\nexport const probe = value\n`)
  const run = spawnSync(biome, ['lint', file], { cwd: root, encoding: 'utf8' })
  return { status: run.status, report: `${run.stdout}${run.stderr}` }
}

describe('layer rules (biome.json noRestrictedImports)', () => {
  it.each([
    ['../../src/http/types.js'],
    ['../../src/identifiers/carriers/ups.js'],
    ['../../src/time/parse.js'],
    ['../../src/index.js'],
  ])(
    'an adapter reaching into %s fails lint (regression: adapters use only src/<area>/index.js)',
    (specifier) => {
      const { status, report } = lintImport('adapters/acme/track.ts', specifier)
      expect(status).toBe(1)
      expect(report).toContain('noRestrictedImports')
    },
  )

  it.each([['../../src/http/index.js'], ['./codes.js'], ['zod']])(
    'an adapter importing %s passes lint',
    (specifier) => {
      const { status, report } = lintImport('adapters/acme/normalize.ts', specifier)
      expect(report).not.toContain('noRestrictedImports')
      expect(status).toBe(0)
    },
  )

  it.each([['../time/clock.js'], ['../time/index.js'], ['../errors/index.js']])(
    'the model importing %s fails lint (regression: src/model is the ground floor, no time internals)',
    (specifier) => {
      const { status, report } = lintImport('src/model/probe.ts', specifier)
      expect(status).toBe(1)
      expect(report).toContain('noRestrictedImports')
    },
  )

  it('the model importing its own modules passes lint', () => {
    const { status, report } = lintImport('src/model/probe.ts', './calendar.js')
    expect(report).not.toContain('noRestrictedImports')
    expect(status).toBe(0)
  })

  it.each([['../../adapters/ups/index.js'], ['../../adapters/edi214/codes.js'], ['../../cli/output.js']])(
    'src/ importing %s fails lint (regression: the library never depends on adapters or the CLI)',
    (specifier) => {
      const { status, report } = lintImport('src/tracker/probe.ts', specifier)
      expect(status).toBe(1)
      expect(report).toContain('noRestrictedImports')
    },
  )

  it('src/ importing another area (even a file named after adapters) passes lint', () => {
    const { status, report } = lintImport('src/tracker/probe.ts', '../identifiers/rank-adapters.js')
    expect(report).not.toContain('noRestrictedImports')
    expect(status).toBe(0)
  })
})
