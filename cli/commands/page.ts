/**
 * `waybill page <shipment.json>`: writes the customer tracking page of a shipment (a canonical `Shipment` as JSON)
 * to a file or to stdout.
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { ParseError, ValidationError } from '../../src/errors/index.js'
import { type Shipment, shipmentSchema } from '../../src/model/index.js'
import { renderTrackingPage } from '../../src/ui/index.js'
import { printJson, reportError } from '../output.js'

interface PageOptions {
  locale?: string
  timeZone?: string
  out?: string
  brandName?: string
  brandColor?: string
  brandLogo?: string
  carrierName?: string
  json?: boolean
}

/** Reads and validates a shipment JSON file: ParseError for bad JSON, ValidationError naming the bad field. */
export async function readShipmentFile(file: string): Promise<Shipment> {
  const text = await readFile(file, 'utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (cause) {
    throw new ParseError(`${file} is not valid JSON`, {}, { cause })
  }
  const parsed = shipmentSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? ''
    throw new ValidationError(`shipment${path}`, issue?.message ?? 'not a Shipment')
  }
  return parsed.data
}

export function register(program: Command): void {
  program
    .command('page')
    .description('write the customer tracking page (self-contained HTML) of a shipment JSON file')
    .argument('<shipment.json>', 'a canonical Shipment as JSON')
    .option('--locale <tag>', 'recipient locale (en, es, fr, de, vi; others get English)', 'en')
    .option(
      '--time-zone <zone>',
      "recipient IANA zone for the delivery estimate (default: the destination's)",
    )
    .option('--out <file.html>', 'write to this file instead of stdout')
    .option('--brand-name <name>', 'shop name in the header')
    .option('--brand-color <hex>', 'accent colour (#rrggbb); replaced where it fails WCAG contrast')
    .option('--brand-logo <url>', 'absolute URL of the logo')
    .option('--carrier-name <name>', 'carrier name to show (default: the carrier id)')
    .option('--json', 'with --out: print {"file": ...} as JSON')
    .action(async (file: string, options: PageOptions) => {
      try {
        const shipment = await readShipmentFile(file)
        const brand = {
          ...(options.brandName ? { name: options.brandName } : {}),
          ...(options.brandColor ? { color: options.brandColor } : {}),
          ...(options.brandLogo ? { logoUrl: options.brandLogo } : {}),
        }
        const html = renderTrackingPage(shipment, {
          ...(options.locale ? { locale: options.locale } : {}),
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          ...(options.carrierName ? { carrierName: options.carrierName } : {}),
          ...(Object.keys(brand).length ? { brand } : {}),
        })
        if (!options.out) {
          process.stdout.write(html)
          return
        }
        await writeFile(options.out, html, 'utf8')
        if (options.json) printJson({ file: options.out, bytes: Buffer.byteLength(html) })
        else process.stdout.write(`${options.out}\n`)
      } catch (error) {
        process.exitCode = reportError(error)
      }
    })
}
