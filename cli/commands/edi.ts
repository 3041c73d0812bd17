/**
 * `waybill edi <file…>`: reads X12 214 files (streaming) and prints their shipments and a summary per file;
 * `--ack <dir>` also writes 997 acknowledgments. Exit code 1 when any file could not be read.
 */
import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Command } from 'commander'
import { ack997, parse214Stream, type TradingPartner } from '../../src/edi/index.js'
import { ConfigError } from '../../src/errors/index.js'
import type { Shipment } from '../../src/model/core.js'
import { assertZone } from '../../src/time/index.js'
import { progress, reportError } from '../output.js'
import { fitColumns, tableTime, terminalWidth } from '../timeline.js'

interface EdiOptions {
  json?: boolean
  ack?: string
  zone?: string
  partners?: string
}

async function loadPartners(file: string | undefined): Promise<TradingPartner[] | undefined> {
  if (!file) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`--partners ${file}: not a readable JSON file`, { cause: error })
  }
  if (!Array.isArray(parsed))
    throw new ConfigError(`--partners ${file}: expected a JSON array of partner profiles`)
  return parsed as TradingPartner[]
}

/** A batch of shipments as one table: number, status, the last event's time (one format), event count. */
function human(shipments: readonly Shipment[]): string {
  const rows = shipments.map((shipment) => {
    const last = shipment.events.at(-1)
    return [
      shipment.trackingNumber,
      `${shipment.status}${shipment.reason ? ` (${shipment.reason})` : ''}`,
      last ? tableTime(last.occurredAt, last.precision) : '',
      `${shipment.events.length} event(s)`,
    ]
  })
  return fitColumns(rows, terminalWidth(), '  ').join('\n')
}

async function readOne(
  file: string,
  options: EdiOptions,
  partners: TradingPartner[] | undefined,
  write: (text: string) => Promise<void> | undefined,
): Promise<void> {
  const stream = parse214Stream(createReadStream(file), {
    origin: basename(file),
    ...(options.zone ? { defaultZone: options.zone } : {}),
    ...(partners ? { partners } : {}),
  })
  if (!options.json) write(`${file}\n`)
  for await (const batch of stream.batches()) {
    // One write per batch, awaited when stdout is full (a slow pipe): the file is never held in memory as output.
    if (options.json) {
      let lines = ''
      for (const shipment of batch) lines += `${JSON.stringify(shipment)}\n`
      await write(lines)
    } else if (batch.length > 0) await write(`${human(batch)}\n`)
  }
  const s = stream.summary()
  const summary = {
    file,
    interchanges: s.interchanges,
    sets: s.sets,
    sets214: s.sets214,
    shipments: s.shipments,
    events: s.events,
    estimates: s.estimates,
    warnings: s.warnings,
  }
  if (options.json) write(`${JSON.stringify(summary)}\n`)
  else {
    write(
      `  ${s.interchanges} interchange(s), ${s.sets} set(s), ${s.sets214} 214 set(s), ${s.shipments} shipment(s), ${s.events} event(s), ${s.estimates} estimate(s)\n`,
    )
    for (const w of s.warnings) write(`  warning ${w.code}: ${w.message}${w.path ? ` (${w.path})` : ''}\n`)
  }
  if (options.ack) {
    await mkdir(options.ack, { recursive: true })
    for (const ack of ack997(await readFile(file))) {
      const out = join(options.ack, `${basename(file)}.997.${ack.control}.edi`)
      await writeFile(out, ack.text)
      if (!options.json) write(`  997 written: ${out}\n`)
    }
  }
}

/** Registers `waybill edi`. */
export function register(program: Command): void {
  program
    .command('edi')
    .description('Read X12 214 shipment-status files: shipments and a summary per file (997 acks with --ack)')
    .argument('<file...>', 'X12 files to read')
    .option('--json', 'one JSON line per shipment, then a summary line per file')
    .option('--ack <dir>', 'write a 997 acknowledgment per interchange into this folder')
    .option('--zone <iana>', 'default IANA zone for times with no zone and no place (marked fallback)')
    .option('--partners <file>', 'JSON file with trading-partner profiles')
    .action(async (files: string[], options: EdiOptions) => {
      // A mistyped zone is refused before any file is read (it would leave every event without a zone).
      assertZone(options.zone, '--zone')
      const partners = await loadPartners(options.partners)
      let failed = false
      const bar = progress(files.length)
      // Results never share a line with the bar: it is erased before each write and redrawn by the next tick.
      const write = (text: string): Promise<void> | undefined => {
        bar.clear()
        if (process.stdout.write(text)) return undefined
        return once(process.stdout, 'drain').then(() => undefined)
      }
      try {
        for (const file of files) {
          bar.tick(basename(file))
          try {
            await readOne(file, options, partners, write)
          } catch (error) {
            failed = true
            bar.clear()
            process.stderr.write(`${file}: `)
            reportError(error)
          }
        }
      } finally {
        bar.done()
      }
      if (failed) process.exitCode = 1
    })
}
