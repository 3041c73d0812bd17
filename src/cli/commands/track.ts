/** `waybill track` (ask the carrier, detected when not given) and `waybill normalize` (a payload file → canonical). */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ConfigError, ParseError } from '../../errors/index.js'
import type { Shipment } from '../../model/index.js'
import { createTracker } from '../../tracker/index.js'
import { printJson, progress } from '../output.js'
import { SHIPPED_ADAPTERS, shippedAdapter } from '../shipped-adapters.js'

function formatShipment(s: Shipment): string {
  const lines = [
    `${s.carrier} ${s.trackingNumber}: ${s.status} (${s.milestone})${s.estimatedDelivery ? `, expected ${s.estimatedDelivery.to ?? s.estimatedDelivery.from}` : ''}`,
  ]
  for (const e of s.events) {
    const place = [e.location?.city, e.location?.region, e.location?.countryCode].filter(Boolean).join(', ')
    lines.push(
      `  ${e.occurredAt}${e.timeZone ? ` ${e.timeZone}` : ''}  ${e.status.padEnd(20)} ${place.padEnd(28)} ${e.description}`,
    )
  }
  return lines.join('\n')
}

function readNumbers(numbers: string[], file: string | undefined): string[] {
  const fromFile = file
    ? readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : []
  return [...numbers, ...fromFile]
}

export function register(program: Command): void {
  program
    .command('track')
    .description('track numbers with their carriers (credentials from WAYBILL_* environment variables)')
    .argument('[numbers...]', 'tracking numbers')
    .option(
      '--carrier <id>',
      `carrier id (${SHIPPED_ADAPTERS.filter((a) => a.env.length)
        .map((a) => a.id)
        .join(', ')}); detected when omitted`,
    )
    .option('--file <path>', 'a file with one tracking number per line')
    .option('--json', 'one JSON line per number')
    .action(async (numbers: string[], opts: { carrier?: string; file?: string; json?: boolean }) => {
      const list = readNumbers(numbers, opts.file)
      if (!list.length) throw new ConfigError('give at least one tracking number (or --file)')
      const adapters = SHIPPED_ADAPTERS.filter((a) => a.env.length).map((a) => a.fromEnv(process.env))
      const tracker = createTracker({ adapters })
      const bar = progress(list.length)
      let failed = false
      for (const number of list) {
        const result = await tracker.track(number, opts.carrier ? { carrier: opts.carrier } : {})
        bar.tick(number)
        if (opts.json) printJson(result)
        else if (result.found) process.stdout.write(`${result.shipments.map(formatShipment).join('\n')}\n`)
        else {
          failed = true
          process.stderr.write(
            `${number}: not found (tried ${result.tried.join(', ') || 'no carrier matched the number'})\n`,
          )
        }
      }
      bar.done()
      if (failed) process.exitCode = 1
    })

  program
    .command('normalize')
    .description(
      'normalize a saved carrier payload (JSON, EDI, CSV) and print the canonical result or the typed error',
    )
    .requiredOption('--carrier <id>', `adapter id (${SHIPPED_ADAPTERS.map((a) => a.id).join(', ')})`)
    .argument('<file>', 'payload file')
    .option('--json', 'print JSON (default: readable timeline)')
    .option('--zone <iana>', 'default zone for times with neither offset nor place')
    .action((file: string, opts: { carrier: string; json?: boolean; zone?: string }) => {
      const adapter = shippedAdapter(opts.carrier)
      if (!adapter) throw new ConfigError(`unknown carrier '${opts.carrier}'`)
      const bytes = readFileSync(file)
      let payload: unknown = new Uint8Array(bytes)
      if (/\.json$/i.test(file)) {
        try {
          payload = JSON.parse(bytes.toString('utf8'))
        } catch (cause) {
          throw new ParseError(`not JSON: ${(cause as Error).message}`, { file }, { cause })
        }
      }
      const result = adapter.normalize(payload, {
        origin: file,
        ...(opts.zone ? { defaultZone: opts.zone } : {}),
      })
      if (opts.json) return printJson(result)
      for (const s of result.shipments) process.stdout.write(`${formatShipment(s)}\n`)
      for (const n of result.notFound)
        process.stdout.write(`${n.trackingNumber}: not found${n.carrierCode ? ` (${n.carrierCode})` : ''}\n`)
      for (const w of result.warnings)
        process.stderr.write(`warning: ${w.code}: ${w.message}${w.path ? ` at ${w.path}` : ''}\n`)
    })
}
