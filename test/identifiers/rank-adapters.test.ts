import { describe, expect, it } from 'vitest'
import { dhl } from '../../adapters/dhl/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { detectCarrier, rankAdapters } from '../../src/identifiers/index.js'

function trackingAdapter(id: string, detect?: (n: string) => number): Adapter {
  return {
    id,
    name: id,
    capabilities: { track: true },
    ...(detect ? { detect } : {}),
    normalize: () => ({ shipments: [], notFound: [], warnings: [] }),
    track: async (numbers) => numbers.map(() => ({})),
  }
}

const shipped = () => [usps(), fedex(), ups(), dhl()]
const ids = (n: string, adapters: Adapter[]) => rankAdapters(n, adapters).map((a) => a.id)

describe('rankAdapters', () => {
  it("regression: the demo's DHL parcel number (SSCC 00340434…) goes to DHL first, not to USPS", () => {
    expect(ids('00340434161094027325', shipped())).toEqual(['dhl', 'usps'])
  })

  it('regression: DHL JJD piece ids and eCommerce GM numbers are routed to the DHL adapter', () => {
    expect(ids('JJD0099999999', shipped())).toEqual(['dhl'])
    expect(ids('GM2951173225174494', shipped())).toEqual(['dhl'])
  })

  it('orders the shipped adapters by their own detect(): FedEx Ground Economy before USPS, UPS 1Z alone', () => {
    expect(ids('9261292700768711948021', shipped())).toEqual(['fedex', 'usps'])
    expect(ids('1Z5R89390357567127', shipped())).toEqual(['ups'])
    expect(ids('420 22153 9101026837331000039521', shipped())).toEqual(['usps'])
  })

  it("a custom adapter's own detect() routes its numbers with no core edit, ahead of weaker shipped readings", () => {
    const acme = trackingAdapter('acme', (n) => (/^\d{12}$/.test(n.replace(/\s/g, '')) ? 0.95 : 0))
    expect(ids('986578788855', [...shipped(), acme])).toEqual(['acme', 'fedex', 'dhl'])
    expect(ids('1Z5R89390357567127', [...shipped(), acme])).toEqual(['ups'])
  })

  it('an adapter without detect() is scored from the descriptor table by its id (carriers without a shipped adapter)', () => {
    const canpar = trackingAdapter('canpar')
    const unknown = trackingAdapter('nobody')
    expect(ids('D576002440000001718010', [...shipped(), canpar, unknown])).toEqual(['canpar'])
  })

  it('skips adapters that cannot track and adapters that score 0; ties keep the given order', () => {
    const noTrack: Adapter = { ...trackingAdapter('fedex'), track: undefined } as unknown as Adapter
    expect(ids('986578788855', [noTrack])).toEqual([])
    const a = trackingAdapter('a', () => 0.5)
    const b = trackingAdapter('b', () => 0.5)
    expect(ids('anything', [b, a])).toEqual(['b', 'a'])
    expect(ids('anything', [trackingAdapter('c', () => Number.NaN)])).toEqual([])
  })

  it("the shipped adapters' detect() agrees with detectCarrier's confidence for their carrier", () => {
    for (const n of [
      '1Z5R89390357567127',
      '986578788855',
      '9400111201080805483016',
      '3318810025',
      'GM2951173225174494',
    ]) {
      const table = detectCarrier(n)
      for (const adapter of shipped()) {
        const own = adapter.detect?.(n) ?? 0
        const best = table.find((c) => c.carrier === adapter.id)?.confidence ?? 0
        if (adapter.id !== 'dhl') expect(own, `${adapter.id} ${n}`).toBe(best)
        expect(own).toBeLessThan(1)
      }
    }
  })
})
