/**
 * GLS: the conformance suite over fixtures/gls (Track And Trace V1 answers and recorded `track()` exchanges, token
 * call included), plus what is special: offsets written without a colon (`+0100`), offset-less times read at the
 * event's country (never a single home zone, never UTC), event groups for codes the table lacks, per-parcel
 * `E_404_01` as not-found inside a 200, ten numbers a call, options checked at creation, and one timeline for a
 * parcel also seen through AfterShip.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { aftership } from '../../adapters/aftership/index.js'
import {
  detectGls,
  GLS_PARCEL_STATUSES,
  gls,
  glsEventMeaning,
  glsTrackPath,
} from '../../adapters/gls/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { ConfigError, ValidationError } from '../../src/errors/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'

testAdapter({
  adapter: gls(),
  fixturesDir: 'fixtures/gls',
  connect: (baseUrl) =>
    gls({
      clientId: 'gls-test-client',
      clientSecret: 'gls-test-secret',
      baseUrl,
      limits: { requestsPerSecond: 50, burst: 50, perDay: 1000 },
      retry: false,
    }),
})

const one = (event: Record<string, string>) => ({
  parcels: [{ requested: '90712345678', unitno: '90712345678', events: [event] }],
})

describe('gls: what is special', () => {
  it('reads an offset without a colon as the offset it is (regression: +0100 must not be dropped or read as UTC)', () => {
    const event = gls().normalize(
      one({ code: 'DELIVD.NORMAL', country: 'DE', eventDateTime: '2026-03-10T14:22:05+0100' }),
    ).shipments[0]?.events[0]
    expect(event).toMatchObject({
      occurredAt: '2026-03-10T14:22:05+01:00',
      zoneSource: 'carrier',
      timeZone: 'Europe/Berlin',
    })
  })
  it('reads an offset-less time at the country of the event, and keeps one without a country with a warning', () => {
    const placed = gls().normalize(
      one({ code: 'INBOUD.NORMAL', country: 'PL', eventDateTime: '2026-07-01T10:00:00' }),
    )
    expect(placed.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2026-07-01T10:00:00+02:00',
      timeZone: 'Europe/Warsaw',
      zoneSource: 'location',
    })
    const unplaced = gls().normalize(
      one({ code: 'INBOUD.NORMAL', country: '', eventDateTime: '2026-07-01T10:00:00' }),
    )
    expect(unplaced.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2026-07-01T10:00:00',
      zoneSource: 'unknown',
    })
    expect(unplaced.warnings.map((w) => w.code)).toEqual(['unknown_zone'])
  })
  it('uses defaultZone, marked fallback, only when the event names no country', () => {
    const result = gls({ defaultZone: 'Europe/Berlin' }).normalize(
      one({ code: 'INBOUD.NORMAL', eventDateTime: '2026-07-01T10:00:00' }),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2026-07-01T10:00:00+02:00',
      zoneSource: 'fallback',
    })
  })
  it('keeps an event whose country is not an ISO code, without the country and with a warning', () => {
    const result = gls().normalize(
      one({ code: 'INBOUD.NORMAL', country: 'Germany', eventDateTime: '2026-07-01T10:00:00+0200' }),
    )
    expect(result.shipments[0]?.events).toHaveLength(1)
    expect(result.warnings[0]).toMatchObject({ code: 'invalid_field', path: 'parcels[0].events[0].country' })
  })
  it('maps a whole code first, then its documented group, else unknown with a warning', () => {
    const warnings: { code: string }[] = []
    expect(glsEventMeaning('DELIVD.PARCELSHOP', [])).toMatchObject({ status: 'available_for_pickup' })
    expect(glsEventMeaning('OUTDEL.SATURDAY', [])).toMatchObject({ status: 'out_for_delivery' })
    expect(glsEventMeaning('ZZZZZZ.NEW', warnings as never)).toMatchObject({ status: 'unknown' })
    expect(warnings.map((w) => w.code)).toEqual(['unknown_code'])
  })
  it('asks for at most ten numbers a call, comma-separated in the path', () => {
    expect(gls({ limits: { maxBatch: 50 } }).limits?.maxBatch).toBe(10)
    expect(glsTrackPath(['90712345678', 'ZX61QJIX'])).toBe(
      '/track-and-trace-v1/tracking/simple/trackids/90712345678,ZX61QJIX',
    )
    expect(gls().limits?.perDay).toBe(500)
  })
  it('refuses a number with a separator before calling, and checks its options at creation', async () => {
    await expect(gls({ clientId: 'a', clientSecret: 'b' }).track!(['9071,2345678'])).rejects.toThrow(
      ValidationError,
    )
    expect(() => gls({ clientId: '' })).toThrow(ConfigError)
    expect(() => gls({ language: 'FR' as 'EN' })).toThrow(ConfigError)
    expect(() => gls({ environment: 'qa' as 'sandbox' })).toThrow(ConfigError)
    expect(() => gls({ defaultZone: 'Mars/Olympus' })).toThrow()
    await expect(gls().track!(['90712345678'])).rejects.toThrow(/WAYBILL_GLS_CLIENT_ID/)
  })
  it('detects GLS parcel numbers and Track IDs and maps every parcel status', () => {
    expect(detectGls('90712345678')).toBeGreaterThan(0)
    expect(detectGls('ZX61QJIX')).toBeGreaterThan(0)
    expect(Object.keys(GLS_PARCEL_STATUSES)).toHaveLength(12)
  })
})

describe('gls: one parcel seen directly and through AfterShip', () => {
  it('is one shipment under gls, the AfterShip delivery scan merged into the direct one (regression: kept apart under aftership)', async () => {
    const tracker = createTracker({ adapters: [gls(), aftership()], store: memoryStore() })
    await tracker.ingest({
      source: 'gls',
      payload: JSON.parse(readFileSync('fixtures/gls/delivered.json', 'utf8')),
    })
    await tracker.ingest({
      source: 'aftership',
      payload: {
        id: 'as-gls-1',
        tracking_number: '90712345678',
        slug: 'gls',
        tag: 'Delivered',
        subtag: 'Delivered_001',
        checkpoints: [
          {
            slug: 'gls',
            checkpoint_time: '2026-03-10T14:22:05+01:00',
            tag: 'Delivered',
            subtag: 'Delivered_001',
            message: 'The parcel has been delivered.',
            city: 'Berlin',
            zip: '10437',
            country_region: 'DEU',
          },
        ],
      },
    })
    const [shipment, ...others] = await tracker.get('gls', '90712345678')
    expect(others).toEqual([])
    expect(await tracker.get('aftership', '90712345678')).toEqual([])
    expect(shipment?.status).toBe('delivered')
    expect(shipment?.events).toHaveLength(6)
    expect(shipment?.events.at(-1)?.alsoReportedBy?.some((r) => r.codes?.via === 'aftership')).toBe(true)
  })
})
