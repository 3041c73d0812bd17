/**
 * What every command's `--help` ends with: examples, and the page of the documentation that covers it (the
 * program adds the exit codes and the general pointer for all of them). Subcommands (`webhook send`,
 * `sftp pull`) get their own; a parent lists its subcommands' examples.
 */
import type { Command } from 'commander'

/** Examples by command path (`webhook send`); a parent's are its own plus its subcommands'. */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  track: [
    'WAYBILL_UPS_CLIENT_ID=… WAYBILL_UPS_CLIENT_SECRET=… waybill track 1Z999AA10123456784',
    'waybill track --file numbers.txt --json > timelines.ndjson',
    'waybill track --adapter ./acme-adapter.js --base-url acme=http://127.0.0.1:8080 ACME123',
  ],
  normalize: [
    'waybill normalize --carrier ups saved-response.json',
    'waybill normalize --carrier edi214 drop.edi --json',
  ],
  detect: ['waybill detect 1Z999AA10123456784 9400111899223197428490', 'waybill detect --list'],
  gs1: ["waybill gs1 '(00)106141411234567897'", 'waybill gs1 https://id.gs1.org/00/106141411234567897'],
  edi: [
    'waybill edi inbound/*.edi --json',
    'waybill edi drop.edi --ack outbound/997 --partners partners.json',
  ],
  'sftp pull': ['waybill sftp pull --config sftp.json --once --json', 'waybill sftp pull --config sftp.json'],
  'webhook verify': [
    "waybill webhook verify --scheme standard-webhooks --secret-env WEBHOOK_SECRET --body-file body.json --header 'webhook-id: …'",
    "waybill webhook verify --scheme easypost --secret-env EASYPOST_SECRET --body-file body.json --header 'x-hmac-signature: …'",
  ],
  'webhook sign': [
    'waybill webhook sign --scheme github --secret-env WEBHOOK_SECRET --body-file body.json',
    'waybill webhook sign --scheme standard-webhooks --secret-env WEBHOOK_SECRET --body-file - --json < body.json',
  ],
  'webhook send': [
    'WAYBILL_WEBHOOK_SECRET=… waybill webhook send easypost http://127.0.0.1:3000/webhooks/easypost',
    'waybill webhook send ups http://localhost:3000/webhooks/ups --secret-env UPS_CREDENTIAL --json',
    'waybill webhook send --list',
  ],
  conformance: [
    'waybill conformance all --reporter junit --output reports/conformance.xml',
    'waybill conformance ./dist/index.js --fixtures fixtures/acme',
  ],
  page: ['waybill page shipment.json --locale es --out page.html'],
  reprocess: [
    'waybill reprocess --store ./var/waybill --carrier ups --checkpoint ups-fix',
    'waybill reprocess --store postgres://waybill@db/shipping --since 2026-11-01T00:00:00Z --json',
  ],
  serve: ['waybill serve --config waybill.config.mjs --port 8080', 'waybill serve --demo'],
  demo: ['waybill demo', 'waybill demo --out pages/'],
}

/** The documentation page of each top-level command, inside the installed package. */
export const DOCS: Readonly<Record<string, string>> = {
  track: 'docs/getting-started.md',
  normalize: 'docs/writing-an-adapter.md',
  detect: 'docs/identifiers.md',
  gs1: 'docs/identifiers.md',
  edi: 'docs/edi.md',
  sftp: 'docs/sftp.md',
  webhook: 'docs/webhooks.md',
  conformance: 'docs/conformance-in-ci.md',
  page: 'docs/ui.md',
  reprocess: 'docs/tracker.md',
  serve: 'docs/serve.md',
  demo: 'docs/getting-started.md',
}

/** `webhook send` for the `send` subcommand of `webhook`. */
export function commandPath(command: Command): string {
  const names: string[] = []
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name())
  return names.join(' ')
}

function examplesOf(path: string): string[] {
  const prefix = `${path} `
  return Object.entries(EXAMPLES)
    .filter(([key]) => key === path || key.startsWith(prefix))
    .flatMap(([, lines]) => lines)
}

/** Adds the examples and the documentation page to `command`'s help and to each of its subcommands'. */
export function addHelpFooters(command: Command): void {
  const path = commandPath(command)
  const examples = examplesOf(path)
  const doc = DOCS[path.split(' ')[0]!]
  const parts = [
    examples.length ? `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}` : '',
    doc ? `\nMore: node_modules/waybill/${doc}` : '',
  ].filter(Boolean)
  if (parts.length) command.addHelpText('after', parts.join('\n'))
  for (const sub of command.commands) addHelpFooters(sub)
}
