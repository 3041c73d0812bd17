import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CsvAdapterOptions, csv } from '../../adapters/csv/index.js'
import { toGolden } from '../../src/conformance/index.js'
import { ConfigError, isWaybillError, ParseError } from '../../src/errors/index.js'
import { normalizeResultSchema, type Shipment } from '../../src/model/index.js'
import { sftpSource } from '../../src/sftp/index.js'
import { acmeLayout } from './csv-partner.js'
import { type Drop, startDrop } from './helpers.js'

const fixture = readFileSync(new URL('../../fixtures/csv/acme-3pl.csv', import.meta.url))
const expected = JSON.parse(
  readFileSync(new URL('../../fixtures/csv/acme-3pl.expected.json', import.meta.url), 'utf8'),
)
const file = { path: '/in/x.csv', name: 'x.csv', size: 0, mtime: 0 }

async function streamed(
  adapter: ReturnType<typeof csv>,
  text: string | Buffer,
  chunk = 7,
): Promise<Shipment[]> {
  const bytes = Buffer.from(text)
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk)
  }
  const out: Shipment[] = []
  for await (const s of adapter.parseStream(chunks(), file)) out.push(s)
  return out
}

function errorOf(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('csv adapter: fixtures', () => {
  const acme = csv(acmeLayout)

  it('maps the fixture to the golden output (columns, codes, zones from offsets, abbreviations and places)', () => {
    // the golden file is written by the conformance suite: fixture name as origin, shipments' payload copy left out
    const result = acme.normalize(fixture, { origin: 'acme-3pl', source: 'file' })
    expect(normalizeResultSchema.safeParse(result).success).toBe(true)
    expect(toGolden(result)).toEqual(expected)
  })

  it('places times by the stated offset, the abbreviation, the IANA column, or the location (split US states)', () => {
    const [first, second] = acme.normalize(fixture).shipments
    const at = (s: Shipment | undefined, code: string) => s?.events.find((e) => e.raw.code === code)
    expect(at(first, 'PU')).toMatchObject({ occurredAt: '2024-03-25T08:15:00-05:00', zoneSource: 'location' })
    expect(at(first, 'AR')).toMatchObject({ occurredAt: '2024-03-25T23:40:00-05:00', zoneSource: 'carrier' })
    expect(at(first, 'DL')).toMatchObject({
      occurredAt: '2024-03-26T10:58:00-06:00',
      timeZone: 'America/Denver',
    })
    expect(at(second, 'PU')).toMatchObject({ precision: 'day', timeZone: 'America/Boise' })
    expect(at(second, 'EX')).toMatchObject({ occurredAt: '2024-03-27T16:20:00-07:00', reason: 'AD' })
    expect(at(second, 'ZZ')).toMatchObject({ status: 'unknown', timeZone: 'America/Phoenix' })
    expect(second?.status).toBe('exception')
  })

  it('keeps unknown codes as unknown with a warning naming code and line, never throwing', () => {
    const { warnings } = acme.normalize(fixture)
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unknown_code', rawCode: 'ZZ', path: 'line 9' }),
    ])
  })

  it('streams to the same shipments, whatever the chunking', async () => {
    for (const chunk of [1, 7, 4096]) {
      const out = (await streamed(acme, fixture, chunk)).map(
        ({ raw: _raw, ...shipment }: Shipment) => shipment,
      )
      expect(JSON.parse(JSON.stringify(out))).toEqual(
        expected.shipments.map((s: Shipment) => ({
          ...s,
          events: s.events.map((e) => ({ ...e, raw: { ...e.raw, origin: 'x.csv' } })),
        })),
      )
    }
  })
})

describe('csv adapter: typed errors with row and column', () => {
  const acme = csv(acmeLayout)
  const head = 'Tracking,Status,Status Text,Date,Time,TZ,City,State,Zip,Country,Reason\n'

  it('a missing mapped column names the column (line 1)', () => {
    const error = errorOf(() => acme.normalize('Tracking,Status,Date\nA1,PU,2024-03-25\n')) as ParseError
    expect(error).toBeInstanceOf(ParseError)
    expect(error.message).toMatch(/no column 'Status Text'/)
    expect(error.position.line).toBe(1)
  })

  it('an empty tracking number names the row and column', () => {
    const error = errorOf(() =>
      acme.normalize(
        `${head}A1,PU,x,2024-03-25,08:00,,Chicago,IL,,US,\n,PU,x,2024-03-25,08:00,,Chicago,IL,,US,\n`,
      ),
    ) as ParseError
    expect(error).toBeInstanceOf(ParseError)
    expect(error.message).toMatch(/line 3.*trackingNumber is empty/)
    expect(error.position).toMatchObject({ line: 3, column: 1 })
  })

  it('a date that cannot be read names the row and the date column', () => {
    const error = errorOf(() =>
      acme.normalize(`${head}A1,PU,x,2024-13-45,08:00,,Chicago,IL,,US,\n`),
    ) as ParseError
    expect(error).toBeInstanceOf(ParseError)
    expect(error.position).toMatchObject({ line: 2, column: 4, path: 'date' })
  })

  it('a local time with no zone, no place and no default zone is kept as a local time, never read as UTC', () => {
    const kept = acme.normalize(`${head}A1,PU,x,2024-03-25,08:00,,,,,,\n`)
    expect(kept.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-03-25T08:00:00',
      zoneSource: 'unknown',
    })
    expect(kept.warnings.map((w) => w.code)).toEqual(['unknown_zone'])
    const withDefault = csv({ ...acmeLayout, defaultZone: 'America/New_York' }).normalize(
      `${head}A1,PU,x,2024-03-25,08:00,,,,,,\n`,
    )
    expect(withDefault.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-03-25T08:00:00-04:00',
      zoneSource: 'fallback',
    })
    expect(withDefault.warnings.map((w) => w.code)).toEqual(['fallback_zone'])
  })

  it('broken CSV quoting is a ParseError with the line', () => {
    const error = errorOf(() =>
      acme.normalize(`${head}A1,PU,"unclosed,2024-03-25,08:00,,,,,US,\n`),
    ) as ParseError
    expect(error).toBeInstanceOf(ParseError)
    expect(error.message).toMatch(/^CSV:/)
    expect(error.position.line).toBeGreaterThanOrEqual(2)
  })

  it('the stream reports the same typed errors', async () => {
    const error = await streamed(acme, `${head}A1,PU,x,2024-13-45,08:00,,Chicago,IL,,US,\n`).catch((e) => e)
    expect(error).toBeInstanceOf(ParseError)
    expect(error.position).toMatchObject({ line: 2, column: 4, file: 'x.csv' })
  })

  it('never throws anything but a WaybillError on mutated input (property)', () => {
    const text = fixture.toString('utf8')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length }),
        fc.integer({ min: 0, max: 20 }),
        fc.string({ maxLength: 6 }),
        (at, cut, insert) => {
          const mutated = text.slice(0, at) + insert + text.slice(at + cut)
          try {
            const result = acme.normalize(mutated)
            expect(normalizeResultSchema.safeParse(result).success).toBe(true)
          } catch (error) {
            expect(isWaybillError(error)).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('rejects unusable options with a ConfigError', () => {
    const base = acmeLayout
    expect(() => csv({ ...base, codes: undefined as never })).toThrow(ConfigError)
    expect(() => csv({ ...base, id: 'Not An Id' })).toThrow(ConfigError)
    expect(() => csv({ ...base, columns: { ...base.columns, date: undefined as never } })).toThrow(
      ConfigError,
    )
    expect(() => csv({ ...base, codes: { XX: { status: 'delivered' } as never } })).toThrow(/codes\.XX/)
    expect(() => csv({ ...base, header: false })).toThrow(/0-based indexes/)
    expect(() => acme.normalize(42)).toThrow(ParseError)
  })
})

describe('csv adapter: layouts', () => {
  it('reads a US date format with AM/PM and no header (columns by position), zone from the place', () => {
    const layout: CsvAdapterOptions = {
      id: 'west-freight',
      header: false,
      delimiter: ';',
      columns: { trackingNumber: 0, statusCode: 1, date: 2, city: 3, region: 4, countryCode: 5 },
      dateFormat: 'MM/dd/yyyy hh:mm a',
      codes: { D: { status: 'delivered', milestone: 'delivered' } },
    }
    const { shipments } = csv(layout).normalize('WF1;D;11/03/2024 01:30 PM;Seattle;WA;US\n')
    expect(shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-11-03T13:30:00-08:00',
      timeZone: 'America/Los_Angeles',
      zoneSource: 'location',
      precision: 'minute',
    })
  })

  it('takes the offset from a format with an offset token as the carrier’s', () => {
    const layout: CsvAdapterOptions = {
      id: 'euro-parcel',
      columns: { trackingNumber: 'id', statusCode: 'code', date: 'at' },
      dateFormat: 'dd.MM.yyyy HH:mm:ss ZZ',
      codes: { '10': { status: 'in_transit', milestone: 'in_transit' } },
    }
    const { shipments } = csv(layout).normalize('id,code,at\nEP1,10,26.03.2024 10:58:07 +01:00\n')
    expect(shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-03-26T10:58:07+01:00',
      zoneSource: 'carrier',
      precision: 'second',
    })
  })

  it('collapses a row repeated in the file into one event (same deterministic id)', () => {
    const acme = csv(acmeLayout)
    const row = 'A1,DL,Delivered,2024-03-26,10:58,,Denver,CO,80202,US,\n'
    const { shipments } = acme.normalize(
      `Tracking,Status,Status Text,Date,Time,TZ,City,State,Zip,Country,Reason\n${row}${row}`,
    )
    expect(shipments[0]?.events).toHaveLength(1)
  })
})

describe('csv adapter as the SFTP parser', () => {
  let drop: Drop
  beforeAll(async () => {
    drop = await startDrop()
  })
  afterAll(() => drop.close())

  it('parses a dropped CSV as a stream and reports its warnings on the file outcome', async () => {
    await drop.put('acme-3pl.csv', fixture)
    const result = await sftpSource(drop.options({ parser: csv(acmeLayout) })).pollOnce()
    expect(result.files[0]).toMatchObject({ status: 'processed', shipments: 2, events: 8 })
    expect(result.files[0]?.warnings).toEqual([
      expect.objectContaining({ code: 'unknown_code', rawCode: 'ZZ' }),
    ])
    expect(result.shipments.map((s) => s.events.map((e) => e.id))).toEqual(
      expected.shipments.map((s: Shipment) => s.events.map((e) => e.id)),
    )
  })

  it('moves a CSV with a bad row to error/ with the row and column in the sidecar', async () => {
    await drop.put('broken.csv', `${fixture.toString('utf8')}AC1,PU,x,not-a-date,,,Chicago,IL,,US,\n`)
    const result = await sftpSource(drop.options({ parser: csv(acmeLayout) })).pollOnce()
    expect(result.files[0]?.status).toBe('rejected')
    const sidecar = JSON.parse(readFileSync(`${drop.inbox}/error/broken.csv.error.json`, 'utf8'))
    expect(sidecar.error.details.position).toMatchObject({ line: 10, column: 4, file: 'broken.csv' })
  })
})
