/**
 * The 214 mapping assembles its shipments itself instead of calling `buildShipment` (faster on big files). These
 * tests guard that the result stays exactly what `buildShipment` gives: same values, same key order, events in
 * instant order (ties in input order), and status, reason and `deliveredAt` derived by the model.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse214 } from '../../src/edi/index.js'
import { buildShipment, type Shipment } from '../../src/model/index.js'
import { type Body, interchange } from './build.js'

const dir = fileURLToPath(new URL('../../fixtures/edi214/', import.meta.url))
const files = readdirSync(dir).filter((f) => f.endsWith('.edi') && f !== 'truncated.edi')

/** The draft `buildShipment` would have been given: the shipment without its derived fields. */
function draftOf(shipment: Shipment): Parameters<typeof buildShipment>[0] {
  const { status: _s, milestone: _m, reason: _r, deliveredAt: _d, ...draft } = shipment
  return draft
}

function expectBuildShipmentResult(shipments: Shipment[]): void {
  expect(shipments.length).toBeGreaterThan(0)
  for (const shipment of shipments) {
    const rebuilt = buildShipment(draftOf(shipment))
    expect(shipment).toStrictEqual(rebuilt)
    // Key order too (it is the order of the JSON the CLI prints).
    expect(JSON.stringify(shipment)).toBe(JSON.stringify(rebuilt))
  }
}

/** Two lines in different zones: 10:30 in New York is before 10:15 in Chicago (text order says otherwise). */
const ZONES_BODY: Body = [
  ['B10', 'PRO1', 'BOL1', 'ABCD'],
  ['LX', '1'],
  ['AT7', 'D1', 'NS', '', '', '20240305', '1015', 'LT'],
  ['MS1', 'CHICAGO', 'IL', 'US'],
  ['LX', '2'],
  ['AT7', 'X6', 'NS', '', '', '20240305', '1030', 'LT'],
  ['MS1', 'NEW YORK', 'NY', 'US'],
]

/** Newest first in one zone, a delivery with a reason code, and two lines at the same instant. */
const ORDER_BODY: Body = [
  ['B10', 'PRO2', 'BOL2', 'ABCD'],
  ['LX', '1'],
  ['AT7', 'D1', 'AH', '', '', '20240306', '1500', 'CT'],
  ['AT7', 'X6', 'NS', '', '', '20240305', '0900', 'CT'],
  ['AT7', 'AF', 'NS', '', '', '20240305', '0900', 'CT'],
  ['AT7', 'A9', 'AJ', '', '', '20240305', '1200', 'CT'],
]

describe('214 shipments equal what buildShipment builds (regression: assembled directly for speed)', () => {
  it.each(files)('%s', (file) => {
    const { shipments } = parse214(readFileSync(dir + file), { defaultZone: 'America/Chicago' })
    expectBuildShipmentResult(shipments)
  })

  it('sorts events by instant, not by their text, when their offsets differ', () => {
    const { shipments } = parse214(interchange([{ body: ZONES_BODY }]))
    expectBuildShipmentResult(shipments)
    expect(shipments[0]!.events.map((e) => e.raw.code)).toEqual(['X6', 'D1'])
    // Also from the reverse order: buildShipment sorts what it is given.
    const reversed = { ...draftOf(shipments[0]!), events: [...shipments[0]!.events].reverse() }
    expect(JSON.stringify(buildShipment(reversed))).toBe(JSON.stringify(shipments[0]))
  })

  it('sorts newest-first lines, keeps equal instants in input order, and derives status and deliveredAt', () => {
    const { shipments } = parse214(interchange([{ body: ORDER_BODY }]))
    expectBuildShipmentResult(shipments)
    const shipment = shipments[0]!
    expect(shipment.events.map((e) => e.raw.code)).toEqual(['X6', 'AF', 'A9', 'D1'])
    expect(shipment.status).toBe('delivered')
    expect(shipment.deliveredAt).toBe(shipment.events.at(-1)!.occurredAt)
  })
})
