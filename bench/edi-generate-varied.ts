/**
 * Generates varied X12 214 files for the EDI benchmarks (#26), so that no per-file cache always hits: places drawn
 * from the 44,000 US ZIP codes and Canadian FSAs of the `zipcodes` data, twelve senders with their own SCAC,
 * version (004010 or 005010) and delimiters (`~` or `\n` terminators, `*` or `|` separators, some CRLF), 1–12 status
 * lines per shipment with the AT701/AT702 codes carriers send, every X12 time code (and none), an MS1 per line,
 * 0–5 L11 references, N1 parties with N3/N4 or with a terminal code only, and AT8 weights. Seeded: the same size
 * gives the same bytes. Written to os.tmpdir(), never committed.
 *
 *   npx tsx bench/edi-generate-varied.ts 16      # prints the path of a ~16 MB file naming all 41,000 places
 *   npx tsx bench/edi-generate-varied.ts 16 40   # the same with 40 places (a carrier's terminals, issue #26)
 */
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface Place {
  city: string
  state: string
  zip: string
  country: string
}

const zipcodes = createRequire(import.meta.url)('zipcodes') as { codes: Record<string, Place> }
const ALL_PLACES: Place[] = Object.values(zipcodes.codes).filter(
  (p) => p.city && p.state && /^[A-Z]{2}$/.test(p.state),
)

/** AT701 status codes with the AT702 reasons seen with them (X12 4010 code lists). */
const STATUSES: [string, string[]][] = [
  ['AF', ['NS']],
  ['X3', ['NS']],
  ['X6', ['NS', 'AO', 'A2']],
  ['X4', ['NS']],
  ['P1', ['NS']],
  ['X1', ['NS']],
  ['D1', ['NS', 'BT']],
  ['AG', ['NS']],
  ['SD', ['AO', 'AJ', 'AM', 'BS', 'S1']],
  ['A9', ['AH', 'AI']],
  ['AV', ['NS']],
  ['CA', ['NS']],
  ['CD', ['NS']],
  ['I1', ['NS']],
  ['J1', ['NS']],
  ['OA', ['NS']],
  ['X2', ['NS']],
  ['X5', ['NS']],
  ['AP', ['BB', 'AO']],
]
const TIME_CODES = ['LT', 'LT', 'LT', 'CT', 'ET', 'MT', 'PT', 'UT', 'GM', '', 'CD', 'ED', 'PD']
const QUALIFIERS = ['PO', 'BM', 'CR', 'IK', 'DO', 'SI', 'OQ', 'CN', 'ZZ']
const PARTIES = ['SH', 'SF', 'CN', 'ST', 'BT']
const SENDERS = Array.from({ length: 12 }, (_, i) => {
  const scac = `S${String.fromCharCode(65 + i)}${String.fromCharCode(75 + ((i * 7) % 15))}C`
  return {
    id: `${scac}SENDER`.padEnd(15, ' '),
    scac,
    version: i % 3 === 0 ? '005010' : '004010',
    element: i % 4 === 3 ? '|' : '*',
    terminator: i % 5 === 4 ? '\n' : '~',
    lineEnd: i % 6 === 5 ? '\r\n' : i % 5 === 4 ? '' : '\n',
  }
})

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

function setSegments(
  n: number,
  next: () => number,
  sender: (typeof SENDERS)[number],
  PLACES: readonly Place[],
): string[][] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const from = pick(PLACES)
  const to = pick(PLACES)
  const segments: string[][] = [['ST', '214', pad(n % 1_000_000_000, 9)]]
  segments.push(['B10', `PRO${pad(Math.floor(next() * 1e10), 10)}`, `BOL${pad(n, 9)}`, sender.scac])
  for (let r = Math.floor(next() * 6); r > 0; r--)
    segments.push(['L11', `${pick(QUALIFIERS)}${pad(Math.floor(next() * 1e8), 8)}`, pick(QUALIFIERS)])
  for (const [party, place] of [
    [pick(PARTIES.slice(0, 2)), from],
    [pick(PARTIES.slice(2, 4)), to],
  ] as const) {
    if (next() < 0.15) {
      segments.push([
        'N1',
        party,
        'TERMINAL',
        'ZZ',
        pick(['MEM', 'ORD', 'DFW', 'ATL', 'ZZT01', 'CHI', 'NLRTM']),
      ])
      continue
    }
    segments.push(['N1', party, `CUSTOMER ${pad(Math.floor(next() * 1e5), 5)}`])
    segments.push([
      'N3',
      `${1 + Math.floor(next() * 9999)} ${pick(['MAIN', 'OAK', 'ELM', 'PARK', 'HWY 61'])} ST`,
    ])
    segments.push([
      'N4',
      place.city.toUpperCase(),
      place.state,
      place.zip,
      place.country === 'CA' ? 'CA' : 'US',
    ])
  }
  const events = 1 + Math.floor(next() * 12)
  let minutes = Math.floor(next() * 60 * 24 * 300)
  for (let e = 0; e < events; e++) {
    segments.push(['LX', String(e + 1)])
    const [status, reasons] = pick(STATUSES)
    minutes += 30 + Math.floor(next() * 60 * 20)
    const date = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000)
    const ymd = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`
    const hm = `${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${next() < 0.2 ? pad(date.getUTCSeconds(), 2) : ''}`
    segments.push(['AT7', status, pick(reasons), '', '', ymd, hm, pick(TIME_CODES)])
    const place = next() < 0.5 ? pick(PLACES) : e === events - 1 ? to : from
    segments.push(['MS1', place.city.toUpperCase(), place.state, place.country === 'CA' ? 'CA' : 'US'])
    if (next() < 0.6) segments.push(['MS2', sender.scac, `TRL${pad(Math.floor(next() * 1e6), 6)}`])
  }
  if (next() < 0.8)
    segments.push([
      'AT8',
      'G',
      next() < 0.7 ? 'L' : 'K',
      String(1 + Math.floor(next() * 40000)),
      String(1 + Math.floor(next() * 30)),
    ])
  segments.push(['SE', String(segments.length + 1), pad(n % 1_000_000_000, 9)])
  return segments
}

function interchange(
  index: number,
  firstSet: number,
  sets: number,
  next: () => number,
  places: readonly Place[],
): string {
  const sender = SENDERS[index % SENDERS.length]!
  const { element, terminator, lineEnd } = sender
  const end = `${terminator}${lineEnd}`
  const control = pad(index, 9)
  const isa = [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    sender.id,
    'ZZ',
    'RECEIVER       ',
    '240301',
    '1200',
    sender.version === '005010' ? '^' : 'U',
    sender.version === '005010' ? '00501' : '00401',
    control,
    '0',
    'P',
    '>',
  ]
  const out = [
    isa.join(element),
    ['GS', 'QM', sender.scac, 'RECEIVER', '20240301', '1200', String(index), 'X', sender.version].join(
      element,
    ),
  ]
  for (let s = 0; s < sets; s++)
    for (const segment of setSegments(firstSet + s, next, sender, places)) out.push(segment.join(element))
  out.push(['GE', String(sets), String(index)].join(element), ['IEA', '1', control].join(element))
  return out.join(end) + end
}

/**
 * Writes (once) a varied 214 file of about `megabytes` MB and returns its path. `places` is how many distinct US
 * places the file names: 40 is the file of issue #26 (a carrier's terminals); `'all'` (the default) draws from all
 * 41,000, so that every per-place cache misses most of the time.
 */
export async function generateVaried214(megabytes: number, places: number | 'all' = 'all'): Promise<string> {
  const file = join(
    tmpdir(),
    places === 'all'
      ? `waybill-bench-214-varied-${megabytes}mb.edi`
      : `waybill-bench-214-varied-${megabytes}mb-${places}places.edi`,
  )
  const target = megabytes * 1_000_000
  if (existsSync(file) && statSync(file).size >= target) return file
  const next = random(megabytes)
  const pool =
    places === 'all'
      ? ALL_PLACES
      : Array.from({ length: places }, (_, i) => ALL_PLACES[(i * 7919 + 17) % ALL_PLACES.length]!)
  const out = createWriteStream(file)
  let written = 0
  let index = 1
  let set = 1
  while (written < target) {
    const sets = 50 + Math.floor(next() * 450)
    const text = interchange(index, set, sets, next, pool)
    index++
    set += sets
    written += Buffer.byteLength(text)
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  )
  return file
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const places = process.argv[3]
  console.log(
    await generateVaried214(
      Number(process.argv[2] ?? 16),
      places && places !== 'all' ? Number(places) : 'all',
    ),
  )
}
