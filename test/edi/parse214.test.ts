import { readdirSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { edi214, read214 } from '../../adapters/edi214/index.js'
import { parse214, parse214Stream } from '../../src/edi/index.js'
import { ConfigError, ParseError, ValidationError } from '../../src/errors/index.js'
import { shipmentSchema } from '../../src/model/index.js'
import { interchange } from './build.js'

const dir = fileURLToPath(new URL('../../fixtures/edi214/', import.meta.url))
const files = readdirSync(dir).filter((f) => f.endsWith('.edi') && f !== 'truncated.edi')

function chunked(bytes: Uint8Array, size: number): Readable {
  const parts: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size))
  return Readable.from(parts)
}

describe('parse214Stream', () => {
  it.each(files)(
    '%s: streaming in 7-byte chunks gives the same shipments as a whole-file parse',
    async (file) => {
      const bytes = readFileSync(dir + file)
      const whole = parse214(bytes, { defaultZone: 'America/Chicago' })
      const stream = parse214Stream(chunked(bytes, 7), { defaultZone: 'America/Chicago' })
      const streamed = []
      for await (const shipment of stream) streamed.push(shipment)
      expect(streamed).toEqual(whole.shipments)
      expect(stream.summary()).toEqual(whole.summary)
      for (const s of streamed) expect(shipmentSchema.safeParse(s).success).toBe(true)
    },
  )

  it('summarizes a file with several interchanges, groups and non-214 sets', () => {
    const { summary } = parse214(readFileSync(`${dir}concatenated-interchanges.edi`))
    expect(summary).toMatchObject({
      interchanges: 2,
      groups: 4,
      sets: 5,
      sets214: 3,
      skippedSets: { '210': 1, '997': 1 },
      shipments: 3,
      statusLines: 3,
      events: 3,
    })
    expect(summary.warnings.filter((w) => w.code === 'skipped')).toHaveLength(2)
  })

  it('yields the shipments read before a truncation, then throws a ParseError', async () => {
    const text = interchange([
      {
        body: [
          ['B10', 'A1', '', 'ABCD'],
          ['LX', '1'],
          ['AT7', 'X6', 'NS', '', '', '20240305', '1000', 'CS'],
        ],
      },
      {
        body: [
          ['B10', 'A2', '', 'ABCD'],
          ['LX', '1'],
          ['AT7', 'X6', 'NS', '', '', '20240305', '1000', 'CS'],
        ],
      },
    ])
    const cut = text.slice(0, text.lastIndexOf('AT7'))
    const seen: string[] = []
    await expect(async () => {
      for await (const s of parse214Stream(cut)) seen.push(s.trackingNumber)
    }).rejects.toThrow(ParseError)
    expect(seen).toEqual(['A1'])
  })

  it('counts estimates without putting them on the timeline', () => {
    const body = [
      ['B10', 'E1', '', 'ABCD'],
      ['LX', '1'],
      ['AT7', 'AG', 'NS', '', '', '20240306', '1600', 'CS'],
      ['AT7', 'X6', 'NS', '', '', '20240305', '1000', 'CS'],
    ]
    const { shipments, summary } = parse214(interchange([{ body }]))
    expect(shipments[0]!.events.map((e) => e.raw.code)).toEqual(['X6'])
    expect(shipments[0]!.estimatedDelivery).toEqual({
      from: '2024-03-06T16:00:00-06:00',
      to: '2024-03-06T16:00:00-06:00',
      precision: 'minute',
      source: 'AT7:AG',
    })
    expect(summary).toMatchObject({ statusLines: 2, events: 1, estimates: 1 })
  })

  it('warns about a set without a shipment number and an AT7 without codes, and keeps going', () => {
    const sets = [
      {
        body: [
          ['LX', '1'],
          ['AT7', 'X6', 'NS', '', '', '20240305', '1000', 'CS'],
        ],
      },
      {
        body: [
          ['B10', 'OK1', '', 'ABCD'],
          ['LX', '1'],
          ['AT7', '', '', '', '', '20240305', '1000', 'CS'],
        ],
      },
    ]
    const { shipments, summary } = parse214(interchange(sets))
    expect(shipments.map((s) => s.trackingNumber)).toEqual(['OK1'])
    expect(summary.warnings.map((w) => w.code)).toEqual(['invalid_field', 'invalid_field'])
  })

  it('regression #18: keeps a line whose zone cannot be found at its local time (zoneSource unknown, warned, never UTC)', () => {
    const body = [
      ['B10', 'Z1', '', 'ABCD'],
      ['LX', '1'],
      ['AT7', 'X6', 'NS', '', '', '20240305', '1000', 'LT'],
    ]
    const { shipments, summary } = parse214(interchange([{ body }]))
    expect(shipments[0]!.events).toHaveLength(1)
    expect(shipments[0]!.events[0]).toMatchObject({
      occurredAt: '2024-03-05T10:00:00',
      zoneSource: 'unknown',
    })
    expect(summary.warnings[0]).toMatchObject({ code: 'unknown_zone' })
    expect(summary.warnings[0]!.message).toMatch(/AT7 at segment .* kept without a zone/)
  })

  it('regression #18: a delivered line (D1) with a local time and only a terminal N1 place still delivers the shipment', () => {
    const body = [
      ['B10', 'PRO123', '', 'ABCD'],
      ['N1', 'CN', 'ACME TERMINAL', '94', 'ZZT01'],
      ['LX', '1'],
      ['AT7', 'X6', 'NS', '', '', '20240305', '0800', 'LT'],
      ['LX', '2'],
      ['AT7', 'D1', 'NS', '', '', '20240305', '1430', 'LT'],
    ]
    const { shipments } = parse214(interchange([{ body }]))
    expect(shipments[0]!.events.map((e) => e.occurredAt)).toEqual([
      '2024-03-05T08:00:00',
      '2024-03-05T14:30:00',
    ])
    expect(shipments[0]!.status).toBe('delivered')
    expect(shipments[0]!.deliveredAt).toBe('2024-03-05T14:30:00')
  })

  it('#18: a partner profile maps an N1 terminal id to a place, so LT times resolve in its zone', () => {
    const body = [
      ['B10', 'PRO124', '', 'ABCD'],
      ['N1', 'CN', 'ACME TERMINAL', '94', 'zzt01'],
      ['LX', '1'],
      ['AT7', 'D1', 'NS', '', '', '20240305', '1430', 'LT'],
    ]
    const partners = [
      { senderIds: ['SENDER'], places: { ZZT01: { city: 'Joliet', region: 'IL', countryCode: 'US' } } },
    ]
    const { shipments } = parse214(interchange([{ body }]), { partners })
    expect(shipments[0]!.events[0]).toMatchObject({
      occurredAt: '2024-03-05T14:30:00-06:00',
      zoneSource: 'location',
      timeZone: 'America/Chicago',
    })
    expect(shipments[0]!.destination).toMatchObject({ city: 'Joliet', region: 'IL' })
    expect(() =>
      parse214('', { partners: [{ senderIds: ['X'], places: { A: { countryCode: 'usa' } } }] }),
    ).toThrow(ConfigError)
  })

  it('#18: an N1 terminal id that is an IATA airport code places LT times in the airport zone, with coordinates', () => {
    const body = [
      ['B10', 'PRO125', '', 'ABCD'],
      ['N1', 'SF', 'MEMPHIS HUB', 'ZZ', 'mem'],
      ['N1', 'CN', 'SYDNEY DEPOT', '4', 'SYD'],
      ['LX', '1'],
      ['AT7', 'AF', 'NS', '', '', '20240305', '0800', 'LT'],
      ['LX', '2'],
      ['AT7', 'D1', 'NS', '', '', '20240307', '1430', 'LT'],
    ]
    const { shipments } = parse214(interchange([{ body }]))
    const shipment = shipments[0]!
    expect(shipment.events.map((e) => [e.occurredAt, e.timeZone, e.zoneSource])).toEqual([
      ['2024-03-05T08:00:00-06:00', 'America/Chicago', 'location'],
      ['2024-03-07T14:30:00+11:00', 'Australia/Sydney', 'location'],
    ])
    expect(shipment.status).toBe('delivered')
    expect(shipment.origin).toMatchObject({ countryCode: 'US', iataCode: 'MEM', resolvedFrom: 'iata' })
    expect(shipment.origin!.coordinates!.latitude).toBeCloseTo(35.04, 1)
    expect(shipment.destination).toMatchObject({ countryCode: 'AU', iataCode: 'SYD', resolvedFrom: 'iata' })
  })

  it('#18: an N1 id that is a UN/LOCODE resolves to the port (coordinates) or to its single-zone country', () => {
    const body = [
      ['B10', 'PRO126', '', 'ABCD'],
      ['N1', 'SF', 'PORT OF ROTTERDAM', '', 'NLRTM'],
      ['N1', 'CN', 'BERLIN DC', '93', 'DEBER'],
      ['LX', '1'],
      ['AT7', 'AF', 'NS', '', '', '20240705', '0800', 'LT'],
      ['LX', '2'],
      ['AT7', 'D1', 'NS', '', '', '20240707', '1430', 'LT'],
    ]
    const shipment = parse214(interchange([{ body }])).shipments[0]!
    expect(shipment.events.map((e) => e.occurredAt)).toEqual([
      '2024-07-05T08:00:00+02:00',
      '2024-07-07T14:30:00+02:00',
    ])
    expect(shipment.origin).toMatchObject({
      unLocode: 'NLRTM',
      timeZone: 'Europe/Amsterdam',
      resolvedFrom: 'unlocode',
    })
    expect(shipment.origin!.coordinates).toBeDefined()
    expect(shipment.destination).toMatchObject({
      unLocode: 'DEBER',
      timeZone: 'Europe/Berlin',
      countryCode: 'DE',
    })
  })

  it('#18: codes are not read as places when the qualifier names another scheme, the profile says no, or the code is unknown', () => {
    const body = (qualifier: string, id: string) => [
      ['B10', 'PRO127', '', 'ABCD'],
      ['N1', 'CN', 'TERMINAL', qualifier, id],
      ['LX', '1'],
      ['AT7', 'D1', 'NS', '', '', '20240305', '1430', 'LT'],
    ]
    const unplaced = (shipment: { events: { occurredAt: string; zoneSource: string }[] }) =>
      expect(shipment.events[0]).toMatchObject({ occurredAt: '2024-03-05T14:30:00', zoneSource: 'unknown' })
    // DUNS-qualified id that happens to be three letters; an unknown code; a multi-zone country's unlisted LOCODE.
    unplaced(parse214(interchange([{ body: body('1', 'MEM') }])).shipments[0]!)
    unplaced(parse214(interchange([{ body: body('ZZ', 'QQQ') }])).shipments[0]!)
    unplaced(parse214(interchange([{ body: body('ZZ', 'USZZX') }])).shipments[0]!)
    const partners = [{ senderIds: ['SENDER'], placeCodes: false }]
    unplaced(parse214(interchange([{ body: body('ZZ', 'MEM') }]), { partners }).shipments[0]!)
    // A profile place wins over the code table, and an N4 that follows wins over both.
    const withProfile = [
      { senderIds: ['SENDER'], places: { MEM: { city: 'Denver', region: 'CO', countryCode: 'US' } } },
    ]
    expect(
      parse214(interchange([{ body: body('ZZ', 'MEM') }]), { partners: withProfile }).shipments[0]!.events[0]!
        .timeZone,
    ).toBe('America/Denver')
    const withN4 = body('ZZ', 'MEM')
    withN4.splice(2, 0, ['N4', 'BOSTON', 'MA', '02110', 'US'])
    expect(parse214(interchange([{ body: withN4 }])).shipments[0]!.events[0]!.timeZone).toBe(
      'America/New_York',
    )
    expect(() => parse214('', { partners: [{ senderIds: ['X'], placeCodes: 'no' as never }] })).toThrow(
      ConfigError,
    )
  })

  it('an N4 replaces only the origin its own party code gave, though parties with the same code share one place (#26)', () => {
    // Party places are made once per code of a file (one shared object): the second SH-side party naming MEM
    // must not take over the origin the first one gave, and each set starts from its own parties.
    const body = [
      ['B10', 'PRO128', '', 'ABCD'],
      ['N1', 'SH', 'TERMINAL', 'ZZ', 'MEM'],
      ['N1', 'SF', 'TERMINAL', 'ZZ', 'MEM'],
      ['N4', 'BOSTON', 'MA', '02110', 'US'],
      ['N1', 'CN', 'TERMINAL', 'ZZ', 'MEM'],
      ['N4', 'DENVER', 'CO', '80202', 'US'],
      ['LX', '1'],
      ['AT7', 'AF', 'NS', '', '', '20240305', '1430', 'LT'],
    ]
    const again = [['B10', 'PRO129', '', 'ABCD'], ...body.slice(1)]
    const { shipments } = parse214(interchange([{ body }, { body: again }]))
    for (const shipment of shipments) {
      expect(shipment.origin).toMatchObject({ iataCode: 'MEM', timeZone: 'America/Chicago' })
      expect(shipment.destination).toMatchObject({ city: 'DENVER', region: 'CO' })
      expect(shipment.events[0]!.timeZone).toBe('America/Chicago')
    }
  })

  it('dedupes the same status reported for several LX loops of one set', () => {
    const line = ['AT7', 'X3', 'NS', '', '', '20240305', '1000', 'CS']
    const body = [['B10', 'D1', '', 'ABCD'], ['LX', '1'], line, ['LX', '2'], line]
    const { shipments, summary } = parse214(interchange([{ body }]))
    expect(shipments[0]!.events).toHaveLength(1)
    expect(summary).toMatchObject({ statusLines: 2, events: 1 })
  })
})

describe('edi214 adapter', () => {
  it('rejects payloads that are not bytes or text with a ValidationError', () => {
    expect(() => edi214().normalize({ not: 'edi' })).toThrow(ValidationError)
  })

  it('checks partner profiles at creation', () => {
    expect(() => edi214({ partners: [{ senderIds: [] }] })).toThrow(ConfigError)
    expect(() => edi214({ partners: [{ senderIds: ['X'], scac: 'bad1' }] })).toThrow(ConfigError)
    expect(() => edi214({ partners: [{ senderIds: ['X'], defaultZone: 'Mars/Olympus' }] })).toThrow(
      ConfigError,
    )
  })

  it('matches a partner on GS02 or ISA06 and applies its carrier, SCAC and overrides', () => {
    const adapter = edi214({
      partners: [
        {
          senderIds: ['gsonly'],
          carrier: 'gs-carrier',
          scac: 'GSCR',
          statusCodes: { AV: { status: 'available_for_pickup', milestone: 'available_for_pickup' } },
        },
      ],
    })
    const body = [
      ['B10', 'P1'],
      ['LX', '1'],
      ['AT7', 'AV', 'NS', '', '', '20240305', '1000', 'CS'],
    ]
    const text = interchange([{ body }], { sender: 'OTHER' }).replace('GS*QM*OTHER', 'GS*QM*GSONLY')
    const [shipment] = adapter.normalize(text).shipments
    expect(shipment).toMatchObject({
      carrier: 'gs-carrier',
      status: 'available_for_pickup',
      identifiers: { scac: 'GSCR' },
    })
    const plain = edi214().normalize(interchange([{ body }])).shipments[0]!
    expect(plain).toMatchObject({ carrier: 'edi214', status: 'in_transit' })
  })

  it('streams through parseStream (the SFTP source shape) and read214', async () => {
    const bytes = readFileSync(`${dir}basic-4010.edi`)
    const adapter = edi214()
    const viaSftp = []
    for await (const s of adapter.parseStream(chunked(bytes, 100), { name: 'basic.edi' })) viaSftp.push(s)
    expect(viaSftp[0]!.events[0]!.raw.origin).toBe('basic.edi')
    const viaRead = []
    for await (const s of read214(chunked(bytes, 50))) viaRead.push(s)
    expect(viaRead.map((s) => s.trackingNumber)).toEqual(['PRO7734001'])
  })

  it('parseStream hands the file warnings to `warn` (regression: the adapter is the one SFTP 214 parser now, and waybill/sftp’s own edi214() was the one that reported them)', async () => {
    const body = [
      ['B10', 'P1'],
      ['LX', '1'],
      ['AT7', 'Q9', 'NS', '', '', '20240305', '1000', 'CT'],
    ]
    const warnings: string[] = []
    const shipments = []
    const bytes = new TextEncoder().encode(interchange([{ body }]))
    for await (const s of edi214().parseStream(chunked(bytes, 16), { name: 'odd.edi' }, (w) =>
      warnings.push(w.code),
    ))
      shipments.push(s)
    expect(shipments[0]?.events[0]?.status).toBe('unknown')
    expect(warnings).toContain('unknown_code')
  })
})

describe('regression: a status line whose time code or time cannot be read is kept, not dropped', () => {
  const parseLine = (at7: string[]) =>
    parse214(
      interchange([
        { body: [['B10', 'PRO1', 'BOL1', 'ABCD'], ['LX', '1'], at7, ['MS1', 'MEMPHIS', 'TN', 'US']] },
      ]),
    )

  it('keeps an AT7 whose AT707 code is outside the standard list as the local time without a zone, with a warning', () => {
    const { shipments, summary } = parseLine(['AT7', 'X1', 'NS', '', '', '20240705', '1015', 'ZZ'])
    expect(shipments[0]!.status).toBe('out_for_delivery')
    expect(shipments[0]!.events.map((e) => [e.occurredAt, e.zoneSource, e.precision])).toEqual([
      ['2024-07-05T10:15:00', 'unknown', 'minute'],
    ])
    expect(summary.warnings.map((w) => w.message).join('\n')).toMatch(
      /unknown X12 time code "ZZ".*kept as the local time without a zone/,
    )
  })

  it('keeps an AT7 whose time is unreadable with its date only, with a warning', () => {
    const { shipments, summary } = parseLine(['AT7', 'X1', 'NS', '', '', '20240305', '10', 'CT'])
    expect(shipments[0]!.events.map((e) => [e.occurredAt, e.zoneSource, e.precision])).toEqual([
      ['2024-03-05T00:00:00', 'unknown', 'day'],
    ])
    expect(summary.warnings.map((w) => w.message).join('\n')).toMatch(/not a time.*kept with its date only/)
  })

  it('leaves out, with a warning, a line whose date cannot be read, and an estimate whose code is unknown', () => {
    for (const at7 of [
      ['AT7', 'X1', 'NS', '', '', '2024', '1015', 'CT'],
      ['AT7', 'AG', 'NS', '', '', '20240705', '1015', 'ZZ'],
    ]) {
      const { shipments, summary } = parseLine(at7)
      expect(shipments[0]!.events).toEqual([])
      expect(summary.warnings.map((w) => w.message).join('\n')).toMatch(/left out/)
    }
  })
})
