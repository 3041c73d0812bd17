import { describe, expect, it } from 'vitest'
import { cbvFor, MILESTONE_CBV, STATUS_CBV, timeZoneOffsetOf, toEpcis } from '../../src/epcis/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { MILESTONES, STATUSES } from '../../src/model/index.js'
import { EVENTS, shipment } from './fixture.js'

const BIZ_STEPS = new Set(
  'accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping sensor_reporting sampling'.split(
    ' ',
  ),
)
const DISPOSITIONS = new Set(
  'active container_closed damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive no_pedigree_match non_sellable_other partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unknown available completeness_verified completeness_inferred conformant container_open mismatch_instance mismatch_class mismatch_quantity needs_replacement non_conformant unavailable'.split(
    ' ',
  ),
)

describe('CBV mapping table', () => {
  it('uses only CBV 2.0 values for every status and milestone', () => {
    for (const status of STATUSES) {
      for (const milestone of MILESTONES) {
        const m = cbvFor(status, milestone)
        if (m.bizStep) expect(BIZ_STEPS.has(m.bizStep), m.bizStep).toBe(true)
        if (m.disposition) expect(DISPOSITIONS.has(m.disposition), m.disposition).toBe(true)
      }
    }
  })

  it('in_transit is a disposition with bizStep transporting; delivery is receiving; no "delivered" value', () => {
    expect(STATUS_CBV.in_transit).toMatchObject({ bizStep: 'transporting', disposition: 'in_transit' })
    expect(MILESTONE_CBV.delivered).toMatchObject({ bizStep: 'receiving' })
    expect(MILESTONE_CBV.label_created).toMatchObject({ bizStep: 'commissioning', action: 'ADD' })
    expect(MILESTONE_CBV.cancelled).toMatchObject({ bizStep: 'void_shipping', disposition: 'inactive' })
  })
})

describe('toEpcis', () => {
  const created = '2024-04-01T00:00:00Z'

  it('writes an EPCIS 2.0 document with ObjectEvents in time order and offsets from the canonical times', () => {
    const doc = toEpcis(shipment('106141412345678908'), { creationDate: created })
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: created })
    expect(doc['@context'][0]).toBe('https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld')
    const events = doc.epcisBody.eventList
    expect(events.map((e) => e['waybill:rawCode'])).toEqual(['MP', 'PU', 'DP', 'XD', 'ZZ', 'D1'])
    expect(events.map((e) => e.eventTimeZoneOffset)).toEqual([
      '-05:00',
      '-05:00',
      '+00:00',
      '+00:00',
      '+00:00',
      '+01:00',
    ])
    expect(events[5]).toMatchObject({
      eventTime: '2024-03-27T09:15:00+01:00',
      bizStep: 'receiving',
      disposition: 'in_progress',
    })
    expect(events[0]).toMatchObject({ action: 'ADD', bizStep: 'commissioning', 'waybill:precision': 'day' })
    expect(events[3]).toMatchObject({ bizStep: 'inspecting', disposition: 'damaged' })
    expect(events[4]?.bizStep).toBeUndefined()
    expect(new Set(events.map((e) => e.eventID)).size).toBe(6)
  })

  it('writes the SSCC and GLN as Digital Links by default, with bizLocation only where the unit is at rest', () => {
    const events = toEpcis(shipment('106141412345678908')).epcisBody.eventList
    expect(events[0]?.epcList).toEqual(['https://id.gs1.org/00/106141412345678908'])
    const pickedUp = events[1]
    expect(pickedUp?.readPoint).toEqual({ id: 'https://id.gs1.org/414/9520123456788' })
    expect(pickedUp?.bizLocation).toBeUndefined()
    expect(events[5]?.bizLocation).toEqual({ id: 'https://id.gs1.org/414/9520123456788' })
  })

  it('writes EPC URNs (urn:epc:id:sscc / sgln) when asked, given the company prefix length', () => {
    const events = toEpcis(shipment('106141412345678908'), { idFormat: 'urn', companyPrefixLength: 7 })
      .epcisBody.eventList
    expect(events[0]?.epcList).toEqual(['urn:epc:id:sscc:0614141.1234567890'])
    expect(events[1]?.readPoint).toEqual({ id: 'urn:epc:id:sgln:9520123.45678.0' })
    expect(() => toEpcis(shipment(), { idFormat: 'urn' })).toThrow(/companyPrefixLength/)
  })

  it('accepts a bare event list and uses a tracking-number URI when there is no SSCC', () => {
    const doc = toEpcis(EVENTS, { namespace: 'https://example.com/ns#' })
    expect(doc['@context'][1]).toEqual({ waybill: 'https://example.com/ns#' })
    expect(doc.epcisBody.eventList[0]?.epcList).toEqual([
      'https://example.com/ns#tracking:acme:1Z5R89390357567127',
    ])
    expect(toEpcis(EVENTS, { sscc: '106141412345678908' }).epcisBody.eventList[0]?.epcList).toEqual([
      'https://id.gs1.org/00/106141412345678908',
    ])
  })

  it('throws ValidationError naming the bad field (never a TypeError)', () => {
    const broken = [{ ...EVENTS[0], occurredAt: '2024-03-27 09:15' }]
    expect(() => toEpcis(broken as never)).toThrow(ValidationError)
    expect(() => toEpcis(broken as never)).toThrow(/events\[0\]\.occurredAt/)
    expect(() => toEpcis({} as never)).toThrow(/shipment\./)
    expect(() => toEpcis(EVENTS, { sscc: '106141412345678909' })).toThrow(/not a valid SSCC/)
    expect(() => toEpcis(EVENTS, { namespace: 'waybill' })).toThrow(/namespace/)
    expect(() => timeZoneOffsetOf('2024-03-27T09:15:00')).toThrow(ValidationError)
  })
})
