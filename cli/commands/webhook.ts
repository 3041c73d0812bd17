/**
 * `waybill webhook verify|sign`: check a saved delivery against a secret (exit 0 valid, 1 with the reason), or
 * produce the headers of a valid delivery for a body (for testing your endpoint).
 */
import { readFileSync } from 'node:fs'
import { type Command, Option } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import { schemeIds, sign, verify } from '../../src/webhooks/index.js'
import { printJson } from '../output.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

function readBody(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file === '-' ? 0 : file))
  } catch (cause) {
    throw new ConfigError(`cannot read the body file ${file}`, { cause })
  }
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0)
      throw new ConfigError(`--header must look like 'name: value' (got a value without a colon)`)
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return headers
}

function secretsFrom(options: { secret?: string[]; secretEnv?: string[] }): string[] {
  const secrets = [...(options.secret ?? [])]
  for (const name of options.secretEnv ?? []) {
    const value = process.env[name]
    if (!value) throw new ConfigError(`environment variable ${name} is empty or not set`)
    secrets.push(value)
  }
  return secrets
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value)
  if (Number.isNaN(date.getTime())) throw new ConfigError(`--now must be ISO 8601 or unix seconds`)
  return date
}

const schemeOption = () =>
  new Option('--scheme <name>', 'signature scheme').choices(schemeIds as string[]).makeOptionMandatory()

export function register(program: Command): void {
  const webhook = program.command('webhook').description('verify or sign webhook deliveries')

  webhook
    .command('verify')
    .description('verify a saved delivery: exit 0 when valid, 1 with the reason otherwise')
    .addOption(schemeOption())
    .option('--secret <secret>', 'a secret to accept (repeat for rotation)', collect)
    .option('--secret-env <name>', 'read a secret from this environment variable (repeatable)', collect)
    .option('--header <line>', "a header as 'name: value' (repeatable)", collect)
    .requiredOption('--body-file <file>', 'the raw body exactly as received ("-" for stdin)')
    .option('--now <time>', 'clock for timestamp tolerance (ISO 8601 or unix seconds)')
    .option('--url <url>', 'request URL (shared-token scheme with a query parameter)')
    .option('--json', 'print the result as JSON')
    .action(async (options) => {
      const secrets = secretsFrom(options)
      if (secrets.length === 0 && options.scheme !== 'jwks-rsa')
        throw new ConfigError('give --secret or --secret-env')
      const now = parseNow(options.now)
      const result = await verify(options.scheme, {
        rawBody: readBody(options.bodyFile),
        headers: parseHeaders(options.header ?? []),
        secrets,
        ...(now ? { now } : {}),
        ...(options.url ? { url: options.url } : {}),
      })
      if (options.json) printJson(result)
      if (result.valid) {
        if (!options.json) {
          const id = result.id ? ` (id ${result.id})` : ''
          process.stdout.write(`valid: ${result.scheme}${id}, secret #${result.secretIndex + 1}\n`)
        }
        return
      }
      process.stderr.write(`invalid: ${result.reason}: ${result.message}\n`)
      process.exitCode = 1
    })

  webhook
    .command('sign')
    .description('print the headers of a valid delivery of a body (to test your own endpoint)')
    .addOption(schemeOption())
    .option('--secret <secret>', 'the secret to sign with')
    .option('--secret-env <name>', 'read the secret from this environment variable')
    .requiredOption('--body-file <file>', 'the body to sign ("-" for stdin)')
    .option('--id <id>', 'message id (standard-webhooks)', `msg_${Date.now().toString(36)}`)
    .option('--now <time>', 'signing time (ISO 8601 or unix seconds)')
    .option('--json', 'print the headers as JSON')
    .action(async (options) => {
      const [secret] = secretsFrom({
        secret: options.secret ? [options.secret] : [],
        secretEnv: options.secretEnv ? [options.secretEnv] : [],
      })
      if (!secret) throw new ConfigError('give --secret or --secret-env')
      const now = parseNow(options.now)
      const headers = await sign(options.scheme, {
        rawBody: readBody(options.bodyFile),
        secret,
        id: options.id,
        ...(now ? { timestamp: now } : {}),
      })
      if (options.json) printJson(headers)
      else for (const [name, value] of Object.entries(headers)) process.stdout.write(`${name}: ${value}\n`)
    })
}
