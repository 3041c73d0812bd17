/**
 * Corpus check for the UPS and FedEx adapters: every real payload for these carriers in
 * ../shared/corpus/carriers/ normalizes to what it shows, or fails with the typed error its kind calls for, and the
 * UPS status-code appendix (TSV) is fully covered by the adapter's tables. Skips cleanly when the corpus folder is
 * absent (a fresh clone).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fedex } from '../../adapters/fedex/index.js'
import { UPS_NO_STATUS_CODES } from '../../adapters/ups/codes.js'
import { UPS_ACTIVITY_TYPES, UPS_STATUS_CODES, ups } from '../../adapters/ups/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { normalizeResultSchema } from '../../src/model/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(repoRoot, '../shared/corpus/carriers')

interface Expectation {
  error?: string
  notFound?: number
  shipments?: number
  status?: string
}

/** What each known sample must give; files not listed must normalize or throw a WaybillError. */
const EXPECTED: Record<string, Expectation> = {
  'ups__karrioapi__karrio__track-response-spec-example.json': { shipments: 1, status: 'pre_transit' },
  'ups__karrioapi__karrio__warning-not-found.json': { shipments: 0, notFound: 1 },
  'ups__karrioapi__karrio__error-auth.json': { error: 'ERR_AUTH' },
  'ups__karrioapi__karrio__error-invalid-inquiry-number.json': { error: 'ERR_CARRIER' },
  'fedex__karrioapi__karrio__delivered-ground-full-scan-history.json': { shipments: 1, status: 'delivered' },
  'fedex__karrioapi__karrio__error-empty-tracking-number.json': { error: 'ERR_CARRIER' },
}

const adapters: Record<string, Adapter> = { ups: ups(), fedex: fedex() }
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => /^(ups|fedex)__.*\.json$/.test(f))
      .sort()
  : []

describe.skipIf(!existsSync(dir))('corpus: UPS and FedEx payloads', () => {
  it('finds the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length)
  })

  for (const file of files) {
    it(file, () => {
      const adapter = adapters[file.split('__')[0]!]!
      const payload = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown
      const want = EXPECTED[file] ?? {}
      let outcome: { result?: ReturnType<Adapter['normalize']>; error?: unknown } = {}
      try {
        outcome = { result: adapter.normalize(payload, { origin: file }) }
      } catch (error) {
        outcome = { error }
      }
      if (want.error) {
        expect(isWaybillError(outcome.error)).toBe(true)
        expect((outcome.error as { code: string }).code).toBe(want.error)
        return
      }
      if (outcome.error) throw outcome.error
      const result = outcome.result!
      expect(normalizeResultSchema.safeParse(result).success).toBe(true)
      if (want.shipments !== undefined) expect(result.shipments).toHaveLength(want.shipments)
      if (want.notFound !== undefined) expect(result.notFound).toHaveLength(want.notFound)
      if (want.status) expect(result.shipments[0]?.status).toBe(want.status)
    })
  }

  it('the real FedEx Ground sample keeps every scan, its offsets, and the OD scan as out for delivery', () => {
    const file = 'fedex__karrioapi__karrio__delivered-ground-full-scan-history.json'
    const payload = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      output: { completeTrackResults: { trackResults: { scanEvents: { date: string }[] }[] }[] }
    }
    const scans = payload.output.completeTrackResults[0]!.trackResults[0]!.scanEvents
    const shipment = fedex().normalize(payload).shipments[0]!
    expect(shipment.events).toHaveLength(scans.length)
    expect(shipment.carrierShipmentId).toBe('12028~738488882438~FDEG')
    expect(shipment.signedBy).toBe('CREILLY')
    const delivered = shipment.events.find((e) => e.raw.code === 'DL')
    expect(delivered?.occurredAt).toBe('2024-08-20T12:41:57-04:00')
    expect(shipment.events.find((e) => e.raw.code === 'OD')?.status).toBe('out_for_delivery')
    expect(shipment.events.find((e) => e.raw.code === 'PU')).toMatchObject({
      precision: 'day',
      occurredAt: '2024-08-15T00:00:00-05:00',
    })
  })
})

const tsv = path.join(dir, 'ups__karrioapi__karrio__status-description-codes.tsv')

describe.skipIf(!existsSync(tsv))('corpus: UPS status-code appendix', () => {
  const sections = new Map<string, string[][]>()
  let current = ''
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n')) {
      if (line.startsWith('## ')) {
        current = line.slice(3).trim()
        sections.set(current, [])
      } else if (current && line.trim() && !line.startsWith('#'))
        sections.get(current)!.push(line.split('\t'))
    }
  }
  const rows = (name: string) => (sections.get(name) ?? []).slice(1) // drop the header row

  it('maps every 3-digit status description code, or lists it as carrying no status', () => {
    const codes = rows('Tracking-status-description-codes').map(([code]) => code!.trim().padStart(3, '0'))
    expect(codes.length).toBeGreaterThan(150)
    const missing = codes.filter((code) => !UPS_STATUS_CODES[code] && !UPS_NO_STATUS_CODES.has(code))
    expect(missing).toEqual([])
  })

  it('maps every activity type, or lists it as carrying no status', () => {
    const types = rows('Tracking-package-activity-types').map(([type]) => type!.trim())
    expect(types.length).toBe(10)
    expect(types.filter((t) => !UPS_ACTIVITY_TYPES[t] && !UPS_NO_STATUS_CODES.has(t))).toEqual([])
  })

  it('has no table row for a code the appendix does not list', () => {
    const codes = new Set(
      rows('Tracking-status-description-codes').map(([code]) => code!.trim().padStart(3, '0')),
    )
    expect(Object.keys(UPS_STATUS_CODES).filter((code) => !codes.has(code))).toEqual([])
  })
})
