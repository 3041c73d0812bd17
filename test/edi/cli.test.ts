import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { register } from '../../cli/commands/edi.js'
import { readX12Sync } from '../../src/edi/index.js'

const fixtures = fileURLToPath(new URL('../../fixtures/edi214/', import.meta.url))

async function run(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk))
    return true
  })
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk))
    return true
  })
  const previous = process.exitCode
  process.exitCode = undefined
  try {
    const program = new Command().exitOverride()
    register(program)
    await program.parseAsync(['node', 'waybill', 'edi', ...args])
    return { out: out.join(''), err: err.join(''), code: process.exitCode ?? 0 }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
    process.exitCode = previous
  }
}

afterEach(() => vi.restoreAllMocks())

describe('waybill edi', () => {
  it('--json prints one line per shipment and a summary line per file', async () => {
    const file = join(fixtures, 'concatenated-interchanges.edi')
    const { out, code } = await run(file, '--json')
    expect(code).toBe(0)
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.trackingNumber ?? 'summary')).toEqual(['MU-1', 'MU-2', 'MU-1', 'summary'])
    expect(lines[3]).toMatchObject({
      file,
      interchanges: 2,
      sets: 5,
      sets214: 3,
      shipments: 3,
      events: 3,
      estimates: 0,
    })
    expect(lines[3].warnings.map((w: { code: string }) => w.code)).toEqual(['skipped', 'skipped'])
  })

  it('prints a readable summary by default', async () => {
    const { out, code } = await run(join(fixtures, 'basic-4010.edi'))
    expect(code).toBe(0)
    expect(out).toContain('PRO7734001  delivered  2024-03-07 09:35 -08:00  5 event(s)')
    expect(out).toContain('1 interchange(s), 1 set(s), 1 214 set(s), 1 shipment(s), 5 event(s)')
  })

  it('exits 1 with the error on stderr when a file is unreadable, and still reads the others', async () => {
    const { out, err, code } = await run(
      join(fixtures, 'truncated.edi'),
      join(fixtures, 'bom-4030.edi'),
      '--json',
    )
    expect(code).toBe(1)
    expect(err).toMatch(/truncated\.edi: waybill: ERR_PARSE: Truncated interchange/)
    expect(out).toContain('"trackingNumber":"BM900211"')
  })

  it('regression #23.3: --zone Mars/Base is refused before any file is read (ConfigError naming --zone), not 0 events and exit 0', async () => {
    await expect(run(join(fixtures, 'bom-4030.edi'), '--zone', 'Mars/Base')).rejects.toThrow(
      /--zone: "Mars\/Base" is not an IANA time zone/,
    )
  })

  it('--ack writes a 997 per interchange that reads back cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-edi-ack-'))
    const { code } = await run(join(fixtures, 'concatenated-interchanges.edi'), '--json', '--ack', dir)
    expect(code).toBe(0)
    const files = readdirSync(dir)
    expect(files).toHaveLength(2)
    for (const f of files) {
      const { segments, summary } = readX12Sync(readFileSync(join(dir, f)))
      expect(summary.warnings).toEqual([])
      expect(segments.some((s) => s.id === 'AK9')).toBe(true)
    }
  })

  it('--partners applies trading-partner profiles from a JSON file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-edi-partners-'))
    const partners = join(dir, 'partners.json')
    writeFileSync(
      partners,
      JSON.stringify([{ senderIds: ['FASTFRT'], carrier: 'fast-freight', defaultZone: 'America/Chicago' }]),
    )
    const { out } = await run(join(fixtures, 'partner-profile.edi'), '--json', '--partners', partners)
    const shipment = JSON.parse(out.split('\n')[0]!)
    expect(shipment.carrier).toBe('fast-freight')
    expect(shipment.identifiers.scac).toBeUndefined()
    expect(shipment.events[0]).toMatchObject({ zoneSource: 'fallback', timeZone: 'America/Chicago' })
  })
})
