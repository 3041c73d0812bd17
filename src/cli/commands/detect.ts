/** `waybill detect <number…>`: which carrier(s) each tracking number can belong to, ranked, with check digits. */
import type { Command } from 'commander'
import { type CarrierCandidate, detectCarrier, normalizeTrackingNumber } from '../../identifiers/index.js'
import { printJson } from '../output.js'

function describe(c: CarrierCandidate): string {
  const check =
    c.checksumValid === null ? 'no check digit' : c.checksumValid ? 'check digit ok' : 'check digit WRONG'
  const extra = [c.format, c.service, c.country].filter(Boolean).join(', ')
  return `${c.carrier} (${extra}) ${Math.round(c.confidence * 100)}%, ${check}`
}

export function register(program: Command): void {
  program
    .command('detect')
    .description(
      'detect the carrier of tracking numbers (ranked candidates; exit 1 when one matches no format)',
    )
    .argument(
      '<number...>',
      'tracking numbers (spaces and dashes are ignored; quote numbers that contain spaces)',
    )
    .option('--json', 'one JSON object per number on stdout')
    .action((numbers: string[], options: { json?: boolean }) => {
      let unmatched = 0
      for (const input of numbers) {
        const candidates = detectCarrier(input)
        if (candidates.length === 0) unmatched++
        if (options.json) {
          printJson({ input, normalized: normalizeTrackingNumber(input), candidates })
          continue
        }
        process.stdout.write(`${input}\n`)
        if (candidates.length === 0) process.stdout.write('  no known tracking-number format\n')
        for (const c of candidates) process.stdout.write(`  ${describe(c)}\n`)
      }
      if (unmatched > 0) process.exitCode = 1
    })
}
