/**
 * docs/writing-an-adapter.md builds a working adapter: every block marked `<!-- guide-file: path -->` is written
 * into a folder inside the repository (its `waybill/...` imports pointed at src/ entries), and the conformance
 * suite runs on the result. Guards against the guide drifting from the library (#22).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Adapter } from '../../src/adapter/index.js'
import { runConformance } from '../../src/conformance/index.js'

const GUIDE = 'docs/writing-an-adapter.md'

/** The public entries the guide may import, and the source file each stands for. */
const ENTRIES: Record<string, string> = {
  waybill: 'src/index.ts',
  'waybill/time': 'src/time/index.ts',
  'waybill/http': 'src/http/index.ts',
  'waybill/errors': 'src/errors/index.ts',
  'waybill/model': 'src/model/index.ts',
  'waybill/testing': 'src/conformance/runner.ts',
}

function guideFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const m of markdown.matchAll(/<!-- guide-file: (\S+) -->\n```\w+\n([\s\S]*?)\n```/g))
    files.set(m[1] as string, `${m[2]}\n`)
  return files
}

function pointAtSources(code: string): string {
  return code.replace(/from '(waybill[^']*)'/g, (_all, entry: string) => {
    const file = ENTRIES[entry]
    if (!file) throw new Error(`the guide imports '${entry}', which is not a public entry this test knows`)
    return `from '${pathToFileURL(resolve(file)).href}'`
  })
}

const dir = mkdtempSync(join('test/docs', '.guide-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files = guideFiles(readFileSync(GUIDE, 'utf8'))
for (const [path, content] of files) {
  const target = join(dir, path)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, path.endsWith('.ts') ? pointAtSources(content) : content)
}

interface GuideModule {
  parcelpath(options?: { apiKey?: string; baseUrl?: string }): Adapter
  conformance: { adapter: Adapter; fixturesDir: string; connect: (baseUrl: string) => Adapter }
}

describe('the adapter guide', () => {
  it('has the whole example adapter, fixtures and a recorded exchange', () => {
    expect([...files.keys()].sort()).toEqual([
      'fixtures/parcelpath/delivered.json',
      'fixtures/parcelpath/in-transit.json',
      'fixtures/parcelpath/malformed.json',
      'fixtures/parcelpath/not-found.json',
      'fixtures/parcelpath/tracked.http.json',
      'fixtures/parcelpath/unknown-code.json',
      'parcelpath/codes.ts',
      'parcelpath/index.ts',
      'parcelpath/normalize.ts',
      'parcelpath/schema.ts',
      'parcelpath/track.ts',
    ])
  })

  it('builds an adapter that passes every conformance check, the recorded track() exchange included', async () => {
    const mod = (await import(pathToFileURL(resolve(dir, 'parcelpath/index.ts')).href)) as GuideModule
    const fixturesDir = join(dir, mod.conformance.fixturesDir)
    const options = { ...mod.conformance, fixturesDir }
    // The guide tells authors to write the golden files once, then review them: the same here, then a clean run.
    await runConformance({ ...options, update: true })
    const report = await runConformance(options)
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([])
    expect(report.results.some((r) => r.check === 'track' && r.status === 'pass')).toBe(true)
    expect(report.results.some((r) => r.check === 'missing-zone' && r.status === 'pass')).toBe(true)

    const adapter = mod.parcelpath()
    // A scan whose time cannot be placed is kept with a warning, not lost, and does not reject the payload.
    const inTransit = adapter.normalize(
      JSON.parse(readFileSync(join(fixturesDir, 'in-transit.json'), 'utf8')),
    )
    expect(inTransit.shipments[0]?.events).toHaveLength(3)
    expect(inTransit.warnings.map((w) => w.code)).toContain('unknown_zone')
    const unknown = adapter.normalize(
      JSON.parse(readFileSync(join(fixturesDir, 'unknown-code.json'), 'utf8')),
    )
    expect(unknown.shipments[0]?.events[0]?.status).toBe('unknown')
    const notFound = adapter.normalize(JSON.parse(readFileSync(join(fixturesDir, 'not-found.json'), 'utf8')))
    expect(notFound.notFound).toEqual([{ trackingNumber: 'PP999999999' }])
    expect(() =>
      adapter.normalize(JSON.parse(readFileSync(join(fixturesDir, 'malformed.json'), 'utf8'))),
    ).toThrow(/parcelpath\.events\[0\]\.time/)
  })
})
