/**
 * Issue #18: the conformance suite catches time bugs. `zones` fails an adapter that writes `toISOString()` (a `Z`
 * for a place whose zone is known) or an offset its own `timeZone` contradicts; `missing-zone` fails an adapter
 * that throws or drops events once the input has no offset or zone. A correct adapter passes both.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Adapter, createEvent } from '../../src/adapter/index.js'
import { runConformance } from '../../src/conformance/index.js'
import { TimeError } from '../../src/errors/index.js'
import { buildShipment, type TrackingEvent } from '../../src/model/index.js'
import { type NormalizedTime, normalizeTime } from '../../src/time/index.js'

interface Scan {
  at: string
  code: string
  state: string
  country: string
}

/** A small adapter whose time handling is one of the mistakes under test. */
function adapter(
  id: string,
  time: (scan: Scan) => NormalizedTime | undefined,
  edit: (e: TrackingEvent) => TrackingEvent = (e) => e,
): Adapter {
  return {
    id,
    name: id,
    capabilities: { track: true, batch: 1 },
    normalize(payload) {
      const body = payload as { number: string; scans: Scan[] }
      const events: TrackingEvent[] = []
      for (const scan of body.scans) {
        const t = time(scan)
        if (!t) continue
        events.push(
          edit(
            createEvent({
              carrier: id,
              trackingNumber: body.number,
              status: scan.code === 'DL' ? 'delivered' : scan.code === 'XX' ? 'unknown' : 'in_transit',
              milestone: scan.code === 'DL' ? 'delivered' : scan.code === 'XX' ? 'unknown' : 'in_transit',
              occurredAt: t.occurredAt,
              ...(t.timeZone ? { timeZone: t.timeZone } : {}),
              zoneSource: t.zoneSource,
              precision: t.precision,
              location: { region: scan.state, ...(scan.country ? { countryCode: scan.country } : {}) },
              description: scan.code,
              raw: { source: 'rest', code: scan.code },
            }),
          ),
        )
      }
      const warnings = body.scans
        .filter((s) => s.code === 'XX')
        .map(() => ({ code: 'unknown_code' as const, message: 'XX', rawCode: 'XX' }))
      return {
        shipments: [buildShipment({ carrier: id, trackingNumber: body.number, events, raw: [payload] })],
        notFound: [],
        warnings,
      }
    },
  }
}

const place = (scan: Scan) => ({ countryCode: scan.country || undefined, region: scan.state })
const keep = (scan: Scan) =>
  normalizeTime({ dateTime: scan.at, location: place(scan) }, { unknownZone: 'keep' })

const correct = adapter('correct', keep)
const isoString = adapter('iso-string', (scan) => {
  const t = keep(scan)
  if (t.zoneSource === 'unknown') return t
  return { ...t, occurredAt: new Date(Date.parse(t.occurredAt)).toISOString() }
})
const wrongZone = adapter(
  'wrong-zone',
  keep,
  (e) => (e.timeZone ? { ...e, timeZone: 'America/New_York' } : e), // Chicago's offset, New York's name
)
const throwing = adapter('throwing', (scan) => normalizeTime({ dateTime: scan.at, location: place(scan) }))
const dropping = adapter('dropping', (scan) => {
  try {
    return normalizeTime({ dateTime: scan.at, location: place(scan) })
  } catch (error) {
    if (error instanceof TimeError) return undefined
    throw error
  }
})

function fixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-zones-'))
  writeFileSync(
    join(dir, 'chicago.json'),
    JSON.stringify({
      number: 'Z1',
      scans: [
        { at: '2024-03-26T09:00:00-05:00', code: 'IT', state: 'IL', country: 'US' },
        { at: '2024-03-26T14:02:00', code: 'DL', state: 'IL', country: 'US' },
        { at: '2024-03-26T15:00:00', code: 'XX', state: 'IL', country: 'US' },
      ],
    }),
  )
  return dir
}

async function statusOf(a: Adapter, check: 'zones' | 'missing-zone') {
  const report = await runConformance({ adapter: a, fixturesDir: fixtures(), update: true, mutations: 1 })
  return report.results.find((r) => r.check === check)
}

describe('regression #18: conformance checks for time zones', () => {
  it('a correct adapter passes zones and missing-zone', async () => {
    expect((await statusOf(correct, 'zones'))?.status).toBe('pass')
    expect((await statusOf(correct, 'missing-zone'))?.status).toBe('pass')
  })

  it('zones fails the toISOString() mistake (Z for a place whose zone is known)', async () => {
    const r = await statusOf(isoString, 'zones')
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/ends in Z for a place whose zone is known/)
  })

  it("zones fails an offset that contradicts the event's own timeZone", async () => {
    const r = await statusOf(wrongZone, 'zones')
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/its timeZone America\/New_York is at -240 min/)
  })

  it('missing-zone fails an adapter that throws a TimeError when no zone can be found', async () => {
    const r = await statusOf(throwing, 'missing-zone')
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/threw a TimeError/)
  })

  it('missing-zone fails an adapter that drops events when no zone can be found', async () => {
    const r = await statusOf(dropping, 'missing-zone')
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/3 of 3 events were dropped/)
  })
})
