/**
 * `waybill detect <number…>`: which carrier(s) each tracking number can belong to, ranked, with display names,
 * the service the number encodes and its check-digit verdict. `waybill detect --list` prints every carrier and
 * format the detector knows, with the services each carrier offers.
 */
import type { Command } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import {
  type CarrierCandidate,
  DEFAULT_CARRIERS,
  detectCarrier,
  normalizeTrackingNumber,
} from '../../src/identifiers/index.js'
import { printJson } from '../output.js'

function checkText(c: CarrierCandidate): string {
  return c.checksumValid === null
    ? 'no check digit'
    : c.checksumValid
      ? 'check digit ok'
      : 'check digit WRONG'
}

function describe(c: CarrierCandidate, normalized: string): string {
  const extra = [c.format, c.service, c.country].filter(Boolean).join(', ')
  const tracked = c.trackingNumber !== normalized ? `; tracked as ${c.trackingNumber}` : ''
  return `${c.name} [${c.carrier}] (${extra}) ${Math.round(c.confidence * 100)}% ${c.level}, ${checkText(c)}${tracked}`
}

function printCarriers(json: boolean): void {
  for (const carrier of DEFAULT_CARRIERS) {
    const formats = carrier.formats.map((f) => ({
      name: f.name,
      checkDigit: Boolean(f.check),
      source: f.source,
    }))
    if (json) {
      printJson({ id: carrier.id, name: carrier.name, services: carrier.services ?? [], formats })
      continue
    }
    process.stdout.write(`${carrier.name} [${carrier.id}]\n`)
    if (carrier.services?.length) process.stdout.write(`  services: ${carrier.services.join(', ')}\n`)
    for (const f of formats) process.stdout.write(`  ${f.name}${f.checkDigit ? ' (check digit)' : ''}\n`)
  }
}

export function register(program: Command): void {
  program
    .command('detect')
    .description(
      'detect the carrier of tracking numbers (ranked candidates; exit 1 when one matches no format); --list prints the known carriers',
    )
    .argument(
      '[number...]',
      'tracking numbers (spaces, dashes and a scanned (00)/(420) prefix are handled; quote numbers that contain spaces)',
    )
    .option('--json', 'one JSON object per number (or per carrier with --list) on stdout')
    .option('--list', 'list every carrier, its services and its formats')
    .action((numbers: string[], options: { json?: boolean; list?: boolean }) => {
      if (options.list) return printCarriers(Boolean(options.json))
      if (numbers.length === 0) throw new ConfigError('give at least one tracking number (or --list)')
      let unmatched = 0
      for (const input of numbers) {
        const candidates = detectCarrier(input)
        const normalized = normalizeTrackingNumber(input)
        if (candidates.length === 0) unmatched++
        if (options.json) {
          printJson({ input, normalized, candidates })
          continue
        }
        process.stdout.write(`${input}\n`)
        if (candidates.length === 0) process.stdout.write('  no known tracking-number format\n')
        for (const c of candidates) process.stdout.write(`  ${describe(c, normalized)}\n`)
      }
      if (unmatched > 0) process.exitCode = 1
    })
}
