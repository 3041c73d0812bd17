#!/usr/bin/env node
/**
 * The `waybill` command: track, detect, gs1, normalize, edi, sftp pull, webhook verify, conformance, page, demo.
 * Each command lives in `./commands/<name>.ts` and registers itself on the commander program.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { registerCommands } from './commands/index.js'
import { exitQuietlyOnClosedPipe, reportError } from './output.js'
import { packageRoot } from './package-root.js'

const FOOTER = `
Exit codes: 0 done; 1 failed (an error, a failed check, a number not found, an unreadable input).
Progress goes to stderr (on a terminal only); results to stdout.
Documentation: README.md and docs/ in the installed package (node_modules/waybill).`

export async function main(argv: string[] = process.argv): Promise<void> {
  exitQuietlyOnClosedPipe()
  const program = new Command()
  program
    .name('waybill')
    .description(
      'Carrier tracking in one canonical timeline: REST APIs, webhooks, SFTP drops and X12 214 files.',
    )
    .version(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version)
    .option('--no-color', 'plain text, no colours (also: the NO_COLOR environment variable)')
    .showHelpAfterError()
    .addHelpText('afterAll', FOOTER)
  await registerCommands(program, argv)
  try {
    await program.parseAsync(argv)
  } catch (error) {
    process.exitCode = reportError(error)
  }
}

await main()
