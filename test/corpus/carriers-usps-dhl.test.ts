/**
 * Corpus check for the USPS and DHL adapters: every real payload for these carriers in
 * ../shared/corpus/carriers/ normalizes, or fails with the typed error its kind calls for. Skips cleanly when
 * the corpus folder is absent (a fresh clone).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { dhl } from '../../adapters/dhl/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { normalizeResultSchema } from '../../src/model/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(repoRoot, '../shared/corpus/carriers')

/** What each known sample must give; files not listed must normalize or throw a WaybillError. */
const EXPECTED: Record<string, { error?: string; notFound?: string; shipments?: number }> = {
  'dhl__karrioapi__karrio__unified-track-response.json': { shipments: 1 },
  'dhl__karrioapi__karrio__unified-not-found-error.json': { notFound: '8264715546' },
  'usps__karrioapi__karrio__v3-auth-error.json': { error: 'ERR_AUTH' },
  'usps__karrioapi__karrio__v3-error.json': { error: 'ERR_CARRIER' },
}

const adapters: Record<string, Adapter> = { dhl: dhl(), usps: usps() }
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => /^(dhl|usps)__.*\.json$/.test(f))
      .sort()
  : []

describe.skipIf(!existsSync(dir))('corpus: USPS and DHL carrier payloads', () => {
  it('finds the samples the corpus README lists', () => {
    for (const name of Object.keys(EXPECTED)) expect(files).toContain(name)
  })

  for (const file of files) {
    it(file, () => {
      const adapter = adapters[file.split('__')[0]!]!
      const payload = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown
      const want = EXPECTED[file]
      let result: ReturnType<Adapter['normalize']> | undefined
      let error: unknown
      try {
        result = adapter.normalize(payload, { origin: file })
      } catch (e) {
        error = e
      }
      if (error !== undefined) {
        expect(isWaybillError(error), `threw a non-waybill error: ${String(error)}`).toBe(true)
        expect(want?.error, `unexpected ${(error as Error).message}`).toBe((error as { code: string }).code)
        return
      }
      expect(want?.error).toBeUndefined()
      expect(normalizeResultSchema.safeParse(result).success).toBe(true)
      if (want?.notFound) expect(result!.notFound.map((n) => n.trackingNumber)).toEqual([want.notFound])
      if (want?.shipments !== undefined) expect(result!.shipments).toHaveLength(want.shipments)
    })
  }

  it('reads the DHL spec example: events without an offset in Amsterdam, the ETA frame in UTC, proof of delivery', () => {
    const payload = JSON.parse(
      readFileSync(path.join(dir, 'dhl__karrioapi__karrio__unified-track-response.json'), 'utf8'),
    )
    const shipment = adapters.dhl!.normalize(payload).shipments[0]!
    expect(shipment.trackingNumber).toBe('7777777770')
    expect(shipment.events[0]).toMatchObject({
      occurredAt: '2018-03-02T07:53:47+01:00',
      zoneSource: 'location',
      status: 'pre_transit',
      location: { city: 'AMSTERDAM', postalCode: '1043 AG', countryCode: 'NL' },
    })
    expect(shipment).toMatchObject({ pieces: 8, weight: { value: 253.5, unit: 'kg' }, signedBy: 'John Doe' })
    expect(shipment.identifiers.references).toEqual([
      { type: 'customer_reference', value: 'YZ3892406173', qualifier: 'customer-reference' },
    ])
    expect(Date.parse(shipment.estimatedDelivery!.to!)).toBe(Date.parse('2018-08-03T22:00:00Z'))
  })
})
