/**
 * The list of CLI commands. Each module exports `register(program)`; it is loaded only when one of its commands
 * runs (or for `waybill help <command>`), so start-up pays for one command, not for all of them. The top-level
 * help lists every command from the summaries here, which test/cli/commands.test.ts checks against the modules.
 */
import type { Command } from 'commander'
import { addHelpFooters } from '../help.js'

type Register = (program: Command) => void

interface CommandModule {
  /** The commands the module registers, with the description each registers. */
  commands: Record<string, string>
  load: () => Promise<{ register: Register }>
}

export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    commands: {
      track: 'track numbers with their carriers (credentials from WAYBILL_* environment variables)',
      normalize:
        'normalize a saved carrier payload (JSON, EDI, CSV) and print the canonical result or the typed error',
    },
    load: () => import('./track.js'),
  },
  {
    commands: {
      detect:
        'detect the carrier of tracking numbers (ranked candidates; exit 1 when one matches no format); --list prints the known carriers',
    },
    load: () => import('./detect.js'),
  },
  {
    commands: { gs1: 'parse a GS1 element string or Digital Link URI and check its check digits' },
    load: () => import('./gs1.js'),
  },
  {
    commands: {
      edi: 'Read X12 214 shipment-status files: shipments and a summary per file (997 acks with --ack)',
    },
    load: () => import('./edi.js'),
  },
  { commands: { sftp: 'Carrier drop folders on SFTP' }, load: () => import('./sftp.js') },
  { commands: { webhook: 'verify, sign or send webhook deliveries' }, load: () => import('./webhook.js') },
  {
    commands: {
      conformance: 'run the adapter conformance suite (an adapter id, "all", or a module path/package name)',
    },
    load: () => import('./conformance.js'),
  },
  {
    commands: { page: 'write the customer tracking page (self-contained HTML) of a shipment JSON file' },
    load: () => import('./page.js'),
  },
  {
    commands: {
      reprocess:
        'rebuild stored timelines from their kept payloads with the current adapters (after a mapping fix)',
    },
    load: () => import('./reprocess.js'),
  },
  {
    commands: {
      serve:
        'run a waybill.config.{mjs,js,ts} as a service: webhooks, polls, SFTP watchers, timers, pages, JSON API, health and metrics',
    },
    load: () => import('./serve.js'),
  },
  {
    commands: {
      demo: 'run the offline end-to-end demo: loopback carrier APIs, an SFTP 214 drop, signed webhooks, the tracker',
    },
    load: () => import('./demo.js'),
  },
]

/** The command `args` (argv without node and the script) runs, or asks help for; undefined for the program's own. */
export function invokedCommand(args: readonly string[]): string | undefined {
  const first = args.findIndex((arg) => !arg.startsWith('-'))
  if (first < 0) return undefined
  return args[first] === 'help' ? args.slice(first + 1).find((arg) => !arg.startsWith('-')) : args[first]
}

/** Registers the command `argv` runs in full, and the others as entries of the help list only. */
export async function registerCommands(
  program: Command,
  argv: readonly string[] = process.argv,
): Promise<void> {
  const wanted = invokedCommand(argv.slice(2))
  for (const module of COMMAND_MODULES) {
    const names = Object.keys(module.commands)
    if (wanted !== undefined && names.includes(wanted)) {
      ;(await module.load()).register(program)
      for (const command of program.commands) if (names.includes(command.name())) addHelpFooters(command)
    } else for (const name of names) program.command(name).description(module.commands[name]!)
  }
}
