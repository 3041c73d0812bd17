/**
 * The EDI figures of docs/performance.md, from one run (#26): bytes → canonical shipments (`parse214Stream`, 64 KiB
 * reads) and `waybill edi --json` with its output written to a file, each against x12-parser's bare tokenizer on
 * the same file. Every measurement is its own plain `node` process on an esbuild bundle (what users run); the
 * contenders of a file alternate round by round, so a busy moment on the machine falls on all of them. Prints
 * medians with ranges, throughput ratios (x12-parser's seconds ÷ waybill's) and peak RSS, as a Markdown table.
 *
 *   node --import tsx bench/edi-report.ts [--rounds 3] [--large]
 *
 * Inputs (seeded, written to os.tmpdir() once, see bench/edi-generate-varied.ts): a 16 MB file naming 40 places (a
 * carrier's terminals: the file of issue #26), the same with places drawn from all 41,000 US places of the
 * `zipcodes` data (every per-place cache misses), and with `--large` the 166 MB file of 40 places. The real
 * 214 files of ../shared/corpus/edi214 are read too, for what each side makes of them (they are a few KB, too
 * small to time).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './bundled.js'
import { generateVaried214 } from './edi-generate-varied.js'

const args = process.argv.slice(2)
const at = args.indexOf('--rounds')
const ROUNDS = at >= 0 ? Number(args[at + 1]) : 3
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const measure = await bundle('bench/edi-measure.ts')
// Split like the published build (tsup, `splitting: true`): `edi` loads its own command, not every command's
// dependencies (zod, undici, …), which a single-file bundle imports at start-up.
const cli = await bundle('cli/index.ts', { splitting: true })

interface Run {
  seconds: number
  peakRssMb: number
}

/** One `edi-measure` process: `full` (waybill) or `x12parser`. */
function measured(mode: 'full' | 'x12parser', file: string): Run {
  const out = execFileSync(process.execPath, [measure, mode, file], { cwd: repoRoot, encoding: 'utf8' })
  const line = JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; peakRssMb: number }
  return { seconds: line.seconds, peakRssMb: line.peakRssMb }
}

/** One `waybill edi <file> --json` process writing to a file; peak RSS from GNU time when it is installed. */
function cliJson(file: string): Run {
  const out = path.join(tmpdir(), 'waybill-edi-report.ndjson')
  const time = existsSync('/usr/bin/time')
  const command = time
    ? ['/usr/bin/time', ['-f', '%M', process.execPath, cli, 'edi', file, '--json']]
    : [process.execPath, [cli, 'edi', file, '--json']]
  const fd = openSync(out, 'w')
  const started = performance.now()
  const result = spawnSync(command[0] as string, command[1] as string[], {
    cwd: repoRoot,
    stdio: ['ignore', fd, 'pipe'],
  })
  const seconds = (performance.now() - started) / 1000
  closeSync(fd)
  if (result.status !== 0) throw new Error(`waybill edi failed: ${result.stderr.toString().slice(-500)}`)
  // The output is checked to be there (and dropped): writing it is part of what is measured.
  if (statSync(out).size === 0) throw new Error('waybill edi --json wrote nothing')
  rmSync(out, { force: true })
  const kb = time ? Number(result.stderr.toString().trim().split('\n').at(-1)) : Number.NaN
  return { seconds, peakRssMb: kb / 1024 }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`
const rss = (runs: Run[]) =>
  runs.some((r) => Number.isNaN(r.peakRssMb))
    ? '—'
    : `${Math.min(...runs.map((r) => r.peakRssMb)).toFixed(0)}–${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} MB`

const inputs: [string, string][] = [
  ['16 MB, 40 places', await generateVaried214(16, 40)],
  ['16 MB, all 41,000 places', await generateVaried214(16)],
]
if (args.includes('--large')) inputs.push(['166 MB, 40 places', await generateVaried214(166, 40)])

const rows: string[] = []
for (const [label, file] of inputs) {
  const waybill: Run[] = []
  const json: Run[] = []
  const peer: Run[] = []
  // The --json runs only on the 16 MB files (the output of the large one is about 1 GB).
  const withCli = !label.startsWith('166')
  for (let round = 0; round < ROUNDS; round++) {
    waybill.push(measured('full', file))
    peer.push(measured('x12parser', file))
    if (withCli) json.push(cliJson(file))
    process.stderr.write(`${label}: round ${round + 1} of ${ROUNDS}\n`)
  }
  const peerSeconds = median(peer.map((r) => r.seconds))
  const line = (what: string, runs: Run[]) => {
    const seconds = runs.map((r) => r.seconds)
    const ratio = peerSeconds / median(seconds)
    rows.push(
      `| ${label} | ${what} | ${median(seconds).toFixed(2)} (${range(seconds)}) | ${rss(runs)} | **${ratio.toFixed(2)}×** |`,
    )
  }
  line('waybill `parse214Stream` → shipments', waybill)
  if (withCli) line('`waybill edi --json`, output written', json)
  line('x12-parser tokenizer', peer)
}

console.log(
  [
    `EDI 214 on varied files, Node ${process.version}, median of ${ROUNDS} processes each (range), contenders alternating:`,
    '',
    '| file | contender | seconds | peak RSS | speed vs x12-parser |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
)

// The real corpus: what each side reads from the files nobody here wrote.
const corpus = path.resolve(repoRoot, '../shared/corpus/edi214')
if (existsSync(corpus)) {
  console.log('\nReal corpus files (../shared/corpus/edi214): shipments and events read by waybill\n')
  for (const name of readdirSync(corpus).sort()) {
    const result = spawnSync(process.execPath, [measure, 'full', path.join(corpus, name)], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    const summary =
      result.status === 0
        ? `${(JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { count: number }).count} events`
        : `refused: ${
            result.stderr
              .trim()
              .split('\n')
              .find((l) => /Error/.test(l)) ?? 'error'
          }`
    console.log(`- ${name}: ${summary}`)
  }
}
