/** `waybill demo` (what `npm start` runs): the offline end-to-end scenario, as text or `--json`. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { renderTrackingPage } from '../../src/ui/index.js'
import { formatReport } from '../demo/print.js'
import { runDemo } from '../demo/scenario.js'
import { useColor } from '../output.js'
import { terminalWidth } from '../timeline.js'

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the offline end-to-end demo: loopback carrier APIs, an SFTP 214 drop, signed webhooks, the tracker',
    )
    .option('--json', 'print the report as JSON')
    .option('--out <dir>', 'folder for the tracking pages of the demo shipments', '.waybill-demo')
    .option('--locale <tag>', 'language of the tracking pages', 'en')
    .action(async (opts: { json?: boolean; out: string; locale: string }) => {
      const progress = process.stderr.isTTY && !opts.json
      const report = await runDemo({ onStep: (text) => progress && process.stderr.write(`… ${text}\n`) })
      const dir = resolve(opts.out)
      mkdirSync(dir, { recursive: true })
      const pages = report.shipments.map((shipment) => {
        const file = join(dir, `${shipment.carrier}-${shipment.trackingNumber}.html`)
        writeFileSync(
          file,
          renderTrackingPage(shipment, { locale: opts.locale, now: new Date(report.storyTime) }),
        )
        return file
      })
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...report, pages }, null, 2)}\n`)
      else
        process.stdout.write(
          formatReport(report, { color: useColor(process.stdout), pages, width: terminalWidth() }),
        )
    })
}
