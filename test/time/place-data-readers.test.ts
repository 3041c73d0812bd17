/**
 * Issue #26: the place-data readers parse the packages' files themselves (the ZIP table from its JSON line's bytes,
 * the cities from `cities.pbf` in chunks). Guards against them misreading a file in another form: anything they do
 * not recognise must be refused (so the JSON or package path answers), never read into wrong coordinates.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decimalAt,
  PostalPoints,
  readCitiesPbf,
  readPostalEntries,
  readPostalFile,
} from '../../src/time/place-data.js'

const line = (text: string) => Buffer.from(text, 'utf8')

describe('regression #26: the ZIP line reader takes the package form and refuses any other', () => {
  it('reads codes and coordinates, null coordinates included, skipping the other fields with their escapes', () => {
    const table = new PostalPoints()
    const ok = readPostalEntries(
      line(
        '{"10001":{"zip":"10001","latitude":40.7484,"longitude":-73.9967,"city":"New \\"York\\" }{","state":"NY"},' +
          '"V0N":{"zip":"V0N","latitude":null,"longitude":null,"city":"North Island"},' +
          '"00601":{"zip":"00601","latitude":18.18,"longitude":-66.75}}',
      ),
      table,
    )
    expect(ok).toBe(true)
    expect(table.get('10001')).toEqual({ latitude: 40.7484, longitude: -73.9967 })
    expect(table.get('V0N')).toEqual({ latitude: null, longitude: null })
    expect(table.get('00601')).toEqual({ latitude: 18.18, longitude: -66.75 })
    expect(table.get('10002')).toBeUndefined()
  })

  it.each([
    ['a key that is not its zip', '{"10001":{"zip":"10002","latitude":1,"longitude":2}}'],
    ['fields in another order', '{"10001":{"latitude":1,"zip":"10001","longitude":2}}'],
    ['a nested object', '{"10001":{"zip":"10001","latitude":1,"longitude":2,"extra":{"a":1}}}'],
    ['a number in another form', '{"10001":{"zip":"10001","latitude":1e5,"longitude":2}}'],
    ['a string coordinate', '{"10001":{"zip":"10001","latitude":"1","longitude":2}}'],
    [
      'no separator between entries',
      '{"1":{"zip":"1","latitude":1,"longitude":2}"2":{"zip":"2","latitude":1,"longitude":2}}',
    ],
    ['a line cut short', '{"10001":{"zip":"10001","latitude":1,"longitude":2,"city":"X'],
    ['not an object', '["10001"]'],
  ])('refuses %s', (_, text) => {
    expect(readPostalEntries(line(text), new PostalPoints())).toBe(false)
  })

  it('reads every decimal of up to 15 digits exactly as Number does', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[1-9][0-9]{0,6}$|^0$/),
        fc.stringMatching(/^[0-9]{0,8}$/),
        (negative, whole, fraction) => {
          const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
          const read = decimalAt(Buffer.from(`${text},`), 0)
          expect(read?.value).toBe(Number(text))
          expect(read?.end).toBe(text.length)
        },
      ),
      { numRuns: 5000 },
    )
  })
})

/** A protocol-buffer varint. */
function varint(n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return out
}

/** A length-delimited city message: name (2), country (3), admin (8), population (9), lon/lat deltas (10, 11). */
function city(name: string, country: string, lonDelta: number, latDelta: number): number[] {
  const zigzag = (n: number) => (n < 0 ? -2 * n - 1 : 2 * n)
  const text = (tag: number, value: string) => {
    const bytes = [...Buffer.from(value, 'utf8')]
    return [...varint(tag * 8 + 2), ...varint(bytes.length), ...bytes]
  }
  const body = [
    ...text(2, name),
    ...text(3, country),
    ...text(8, '06'),
    ...varint(9 * 8),
    ...varint(1234),
    ...varint(10 * 8),
    ...varint(zigzag(lonDelta)),
    ...varint(11 * 8),
    ...varint(zigzag(latDelta)),
  ]
  return [...varint(body.length), ...body]
}

describe('regression #26: the city reader reads cities.pbf in chunks and refuses a broken file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'waybill-pbf-'))
  const file = (name: string, bytes: number[]) => {
    const at = path.join(dir, name)
    writeFileSync(at, Buffer.from(bytes))
    return at
  }

  it('reads names (any length, across chunk boundaries), codes and running coordinates', () => {
    const cities: number[] = []
    // Enough cities to span several 256 KiB chunks, with a long name to cross a boundary inside a message.
    for (let i = 0; i < 30_000; i++)
      cities.push(...city(i === 20_000 ? 'Ω'.repeat(300) : `City ${i}`, 'US', 3, -2))
    const columns = readCitiesPbf(file('many.pbf', cities))
    expect(columns?.size).toBe(30_000)
    const last = columns!.size - 1
    expect(columns!.names.toString('utf8', columns!.nameStart(last), columns!.nameEnd[last]!)).toBe(
      'City 29999',
    )
    expect(columns!.names.toString('utf8', columns!.nameStart(20_000), columns!.nameEnd[20_000]!)).toBe(
      'Ω'.repeat(300),
    )
    // Coordinates run across the file: the last city is at 30,000 × 3 and 30,000 × -2 (1e-5 degree).
    expect(columns!.longitudeE5[last]! / 1e5).toBe(0.9)
    expect(columns!.latitudeE5[last]! / 1e5).toBe(-0.6)
    expect(columns!.adminCodes[columns!.admin[last]!]).toBe('06')
    expect(columns!.countries[columns!.country[last]!]).toBe('US')
  })

  it('refuses a file cut inside a message, an unknown wire type and a missing file', () => {
    const one = city('Memphis', 'US', 1, 1)
    expect(readCitiesPbf(file('cut.pbf', [...one, ...one.slice(0, -3)]))).toBeUndefined()
    expect(readCitiesPbf(file('wire.pbf', [3, 2 * 8 + 7, 0, 0]))).toBeUndefined()
    expect(readCitiesPbf(path.join(dir, 'none.pbf'))).toBeUndefined()
    expect(readCitiesPbf(file('empty.pbf', []))).toBeUndefined()
  })
})

describe('regression #26: the ZIP file is read in windows, never whole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'waybill-zip-'))
  const write = (name: string, text: string) => {
    const file = path.join(dir, name)
    writeFileSync(file, text)
    return file
  }
  const entries =
    '{"10001":{"zip":"10001","latitude":40.7484,"longitude":-73.9967,"city":"New \\"York\\" }{","state":"NY"},' +
    '"V0N":{"zip":"V0N","latitude":null,"longitude":null,"city":"North Island"},' +
    '"00601":{"zip":"00601","latitude":18.18,"longitude":-66.75}}'

  it('reads the same table as the whole line does, whatever window cuts the entries', () => {
    const whole = new PostalPoints()
    expect(readPostalEntries(line(entries), whole)).toBe(true)
    for (const ending of ['', ';', ';\n', ';\r\nexports.other = 1;\n', '; \t\n']) {
      const file = write('codes.js', `exports.codes = ${entries}${ending}`)
      for (let window = 1; window <= 48; window++) {
        const table = new PostalPoints()
        const read = readPostalFile(file, table, window)
        expect(read).toBe(ending !== '')
        if (!read) continue
        for (const code of ['10001', 'V0N', '00601', '10002'])
          expect(table.get(code)).toEqual(whole.get(code))
      }
    }
    const empty = write('empty.js', 'exports.codes = {};\n')
    expect(readPostalFile(empty, new PostalPoints(), 3)).toBe(true)
  })

  it('refuses what the line reader refuses, and another first line, at any window', () => {
    const refused = [
      '{"10001":{"zip":"10002","latitude":1,"longitude":2}}',
      '{"1":{"zip":"1","latitude":1,"longitude":2}"2":{"zip":"2","latitude":1,"longitude":2}}',
      '{"10001":{"zip":"10001","latitude":1,"longitude":2,"city":"X',
      '{"10001":{"zip":"10001","latitude":1,"longitude":2},}',
      '["10001"]',
    ]
    for (const text of refused) {
      const file = write('bad.js', `exports.codes = ${text};\n`)
      for (const window of [1, 5, 17, 256 * 1024])
        expect(readPostalFile(file, new PostalPoints(), window)).toBe(false)
    }
    expect(readPostalFile(write('other.js', 'module.exports = {};\n'), new PostalPoints())).toBe(false)
    expect(readPostalFile(path.join(dir, 'missing.js'), new PostalPoints())).toBeUndefined()
  })
})
