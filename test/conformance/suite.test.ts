import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { firstDifference, runConformance, testAdapter, toJUnit } from '../../src/conformance/index.js'
import { toy } from './toy-adapter.js'

const fixturesDir = 'test/conformance/fixtures/toy'
const tmp = mkdtempSync(join(tmpdir(), 'waybill-conformance-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function copyFixtures(): string {
  const dir = mkdtempSync(join(tmp, 'case-'))
  cpSync(fixturesDir, dir, { recursive: true })
  return dir
}

// The suite as adapter authors use it: must be green on a correct adapter.
testAdapter({ adapter: toy(), fixturesDir, connect: (baseUrl) => toy({ baseUrl }) })

describe('runConformance', () => {
  it('passes every check on a conforming adapter, including the recorded track() exchange', async () => {
    const report = await runConformance({
      adapter: toy(),
      fixturesDir,
      connect: (baseUrl) => toy({ baseUrl }),
    })
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.results.some((r) => r.check === 'track' && r.status === 'pass')).toBe(true)
  })

  it('goes red, naming the first differing path, when an expected file is edited', async () => {
    const dir = copyFixtures()
    const file = join(dir, 'delivered.expected.json')
    const expected = JSON.parse(readFileSync(file, 'utf8'))
    expected.shipments[0].status = 'in_transit'
    writeFileSync(file, JSON.stringify(expected))
    const report = await runConformance({ adapter: toy(), fixturesDir: dir })
    const failure = report.results.find((r) => r.case === 'delivered' && r.check === 'golden')
    expect(report.ok).toBe(false)
    expect(failure?.status).toBe('fail')
    expect(failure?.message).toMatch(
      /first difference at \$\.shipments\[0\]\.status: expected "in_transit", got "delivered"/,
    )
    expect(toJUnit([report])).toContain('<failure message="first difference at $.shipments[0].status')
  })

  it('skips track cases when no connect() is given instead of failing them', async () => {
    const report = await runConformance({ adapter: toy(), fixturesDir })
    expect(report.results.find((r) => r.check === 'track')?.status).toBe('skip')
    expect(report.ok).toBe(true)
  })

  it('fails robustness when damaged input crashes the adapter with a TypeError', async () => {
    const report = await runConformance({ adapter: toy({ sloppy: true }), fixturesDir })
    const robustness = report.results.filter((r) => r.check === 'robustness' && r.status === 'fail')
    expect(robustness.length).toBeGreaterThan(0)
    expect(robustness[0]?.message).toMatch(/TypeError/)
  })

  // Regression: decoders hand back the payload's own arrays and objects, so an adapter that sorts or edits what
  // parsePayload returned would change its caller's data; nothing checked that before.
  it('fails input-unchanged when normalize edits its payload in place', async () => {
    const report = await runConformance({ adapter: toy({ editsInput: true }), fixturesDir })
    const failure = report.results.find((r) => r.check === 'input-unchanged' && r.status === 'fail')
    expect(failure?.message).toMatch(/normalize changed its input: first difference at \$input\.events\[0\]/)
    const clean = await runConformance({ adapter: toy(), fixturesDir })
    expect(clean.results.filter((r) => r.check === 'input-unchanged').every((r) => r.status === 'pass')).toBe(
      true,
    )
  })

  // Regression: UPS and FedEx events kept no raw record and nothing in the suite asked for one.
  it('fails raw-records when an event does not keep the carrier record it came from', async () => {
    const report = await runConformance({ adapter: toy({ rawless: true }), fixturesDir })
    const failure = report.results.find((r) => r.check === 'raw-records' && r.status === 'fail')
    expect(failure?.message).toMatch(/raw\.record is missing/)
  })

  // Regression: --update recorded whatever came out, so a malformed case that parsed was saved as a shipment.
  it('--update refuses a case named malformed that parses, and a case refused as malformed that is not named so', async () => {
    const dir = copyFixtures()
    cpSync(join(dir, 'delivered.json'), join(dir, 'malformed-but-fine.json'))
    cpSync(join(dir, 'malformed.json'), join(dir, 'looks-fine.json'))
    const report = await runConformance({ adapter: toy(), fixturesDir: dir, update: true })
    const golden = (name: string) => report.results.find((r) => r.case === name && r.check === 'golden')
    expect(golden('malformed-but-fine')?.status).toBe('fail')
    expect(golden('malformed-but-fine')?.message).toMatch(
      /named as malformed but normalize returned a result/,
    )
    expect(golden('looks-fine')?.message).toMatch(/refused the input as malformed/)
    expect(() => readFileSync(join(dir, 'malformed-but-fine.expected.json'))).toThrow()
    expect(() => readFileSync(join(dir, 'looks-fine.expected.json'))).toThrow()
    expect(golden('delivered')?.status).toBe('pass') // the rest is still recorded
  })

  it('fails the track check when the adapter makes a request that was not recorded', async () => {
    const dir = copyFixtures()
    const file = join(dir, 'tracked.http.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('/track/TOY125"', '/track/OTHER"'))
    const report = await runConformance({
      adapter: toy(),
      fixturesDir: dir,
      connect: (baseUrl) => toy({ baseUrl }),
    })
    const track = report.results.find((r) => r.check === 'track' && r.status === 'fail')
    expect(track?.message).toMatch(/expected GET \/track\/OTHER, got GET \/track\/TOY125/)
  })

  it('rewrites expected files in update mode and then passes', async () => {
    const dir = copyFixtures()
    writeFileSync(join(dir, 'delivered.expected.json'), '{}')
    const updated = await runConformance({ adapter: toy(), fixturesDir: dir, update: true })
    expect(updated.ok).toBe(true)
    const again = await runConformance({ adapter: toy(), fixturesDir: dir })
    expect(again.ok).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'delivered.expected.json'), 'utf8')).shipments[0].status).toBe(
      'delivered',
    )
  })

  it('requires a fixture with an unknown code', async () => {
    const dir = copyFixtures()
    rmSync(join(dir, 'unknown-code.json'))
    const report = await runConformance({ adapter: toy(), fixturesDir: dir })
    expect(report.results.find((r) => r.check === 'coverage')?.status).toBe('fail')
  })
})

describe('firstDifference', () => {
  it('finds nested differences and ignores key order', () => {
    expect(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeUndefined()
    expect(firstDifference({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })?.path).toBe('$.a.b[1]')
    expect(firstDifference([1], [1, 2])).toEqual({ path: '$[1]', expected: undefined, actual: 2 })
  })
})
