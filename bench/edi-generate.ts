/**
 * Generates large, realistic X12 214 files for the EDI benchmark (written to os.tmpdir(), never committed).
 * Each interchange holds one group of 500 sets; each set is a shipment with 1–4 status events (LX/AT7/MS1/MS2/AT8)
 * and N1/N3/N4 parties. Deterministic: the same size gives the same bytes.
 *
 * Run directly: `npx tsx bench/edi-generate.ts 16` writes a ~16 MB file and prints its path.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PLACES = [
  ['CHICAGO', 'IL', '60601'],
  ['DALLAS', 'TX', '75201'],
  ['DENVER', 'CO', '80202'],
  ['PHOENIX', 'AZ', '85001'],
  ['SEATTLE', 'WA', '98101'],
  ['ATLANTA', 'GA', '30301'],
  ['BOSTON', 'MA', '02108'],
  ['MEMPHIS', 'TN', '38103'],
] as const
const STEPS = [
  ['AF', 'NS', 'CD'],
  ['X6', 'NS', 'CD'],
  ['X4', 'NS', 'LT'],
  ['P1', 'NS', 'ED'],
  ['SD', 'AO', 'CT'],
  ['AG', 'NS', 'LT'],
  ['X1', 'NS', 'LT'],
  ['D1', 'NS', 'LT'],
] as const

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function setText(n: number): string {
  const pro = `PRO${pad(n, 10)}`
  const from = PLACES[n % PLACES.length]!
  const to = PLACES[(n * 7 + 3) % PLACES.length]!
  const lines = [
    `ST*214*${pad(n % 1_000_000_000, 9)}`,
    `B10*${pro}*BOL${pad(n, 8)}*ABCD`,
    `L11*PO${pad(n, 7)}*PO`,
    'N1*SH*ACME WIDGETS INC',
    'N3*100 MAIN ST',
    `N4*${from[0]}*${from[1]}*${from[2]}*US`,
    'N1*CN*EXAMPLE RETAIL LLC',
    'N3*200 MARKET ST',
    `N4*${to[0]}*${to[1]}*${to[2]}*US`,
    'LX*1',
  ]
  const events = 1 + (n % 4)
  const day = 1 + (n % 27)
  for (let e = 0; e < events; e++) {
    const step = STEPS[(n + e * 2) % STEPS.length]!
    const place = e === events - 1 ? to : from
    lines.push(
      `AT7*${step[0]}*${step[1]}***202403${pad(day, 2)}*${pad(8 + e * 2, 2)}${pad((n * 13) % 60, 2)}*${step[2]}`,
    )
    lines.push(`MS1*${place[0]}*${place[1]}*US`)
    lines.push(`MS2*ABCD*TRL${pad(n % 100000, 5)}`)
  }
  lines.push(`AT8*G*L*${100 + (n % 900)}*${1 + (n % 20)}`)
  lines.push(`SE*${lines.length + 1}*${pad(n % 1_000_000_000, 9)}`)
  return `${lines.join('~\n')}~\n`
}

function interchange(index: number, firstSet: number, sets: number): string {
  const control = pad(index, 9)
  const body: string[] = []
  for (let s = 0; s < sets; s++) body.push(setText(firstSet + s))
  return (
    `ISA*00*          *00*          *02*ABCD           *ZZ*RECEIVER       *240301*1200*U*00401*${control}*0*P*>~\n` +
    `GS*QM*ABCD*RECEIVER*20240301*1200*${index}*X*004010~\n` +
    body.join('') +
    `GE*${sets}*${index}~\nIEA*1*${control}~\n`
  )
}

/** Writes (once) a generated 214 file of about `megabytes` MB and returns its path. */
export async function generate214(megabytes: number): Promise<string> {
  const file = join(tmpdir(), `waybill-bench-214-${megabytes}mb.edi`)
  const target = megabytes * 1_000_000
  if (existsSync(file) && statSync(file).size >= target) return file
  const out = createWriteStream(file)
  let written = 0
  let index = 1
  let set = 1
  while (written < target) {
    const text = interchange(index, set, 500)
    index++
    set += 500
    written += Buffer.byteLength(text)
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  )
  return file
}

if (process.argv[1]?.endsWith('edi-generate.ts')) {
  const size = Number(process.argv[2] ?? 16)
  console.log(await generate214(size))
}
