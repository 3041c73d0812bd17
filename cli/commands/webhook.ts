/**
 * `waybill webhook verify|sign|send`: check a saved delivery against a secret (exit 0 valid, 1 with the reason),
 * produce the headers of a valid delivery for a body, or sign a sample delivery from the shipped fixtures and
 * POST it to your endpoint (exit 0 on a 2xx answer, 1 otherwise), as `stripe trigger` does.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type Command, Option } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import { type SchemeInput, schemeIds, sign, verify } from '../../src/webhooks/index.js'
import { printJson } from '../output.js'
import { listWebhookSamples, loadWebhookSample, webhookSampleSources } from '../webhook-samples.js'
import { destination, sendDelivery } from '../webhook-send.js'

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

/** The environment variable `webhook send` reads its secret from when no flag names one. */
export const SEND_SECRET_ENV = 'WAYBILL_WEBHOOK_SECRET'

function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new ConfigError(`--timeout must be a whole number of ms (got ${value})`)
  return n
}

const schemeOption = () =>
  new Option('--scheme <name>', 'signature scheme').choices(schemeIds as string[]).makeOptionMandatory()

export function register(program: Command): void {
  const webhook = program.command('webhook').description('verify, sign or send webhook deliveries')

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

  webhook
    .command('send')
    .description(
      `sign a sample delivery from the shipped fixtures and POST it to your endpoint (sources: ${webhookSampleSources.join(', ')}); exit 1 when the answer is not 2xx`,
    )
    .argument('[source]', 'the source whose sample to send (its adapter signs it with its own scheme)')
    .argument('[url]', 'your endpoint, e.g. http://127.0.0.1:3000/webhooks/easypost')
    .option('--sample <name>', "which sample (see --list; default: the source's first)")
    .option('--secret <secret>', `the secret to sign with (prefer --secret-env or ${SEND_SECRET_ENV})`)
    .option('--secret-env <name>', 'read the secret from this environment variable', SEND_SECRET_ENV)
    .addOption(
      new Option('--scheme <name>', "sign with this scheme instead of the adapter's").choices(
        schemeIds as string[],
      ),
    )
    .option('--id <id>', 'message id (standard-webhooks; default: a new one per run)')
    .option('--timeout <ms>', 'how long to wait for the answer', positiveInteger, 10_000)
    .option('--allow-http', 'allow plain http to a host other than this machine')
    .option('--list', 'list the sources and their samples, and exit')
    .option('--json', 'print the result as JSON')
    .action(async (source: string | undefined, target: string | undefined, options) => {
      if (options.list) {
        for (const name of webhookSampleSources)
          for (const sample of listWebhookSamples(name))
            options.json ? printJson({ source: name, sample }) : process.stdout.write(`${name}\t${sample}\n`)
        return
      }
      if (!source || !target) throw new ConfigError('give a source and a URL (or --list)')
      const url = destination(target, options.allowHttp === true)
      const sample = loadWebhookSample(source, options.sample)
      const secret: string | undefined = options.secret ?? process.env[options.secretEnv]
      if (!secret)
        throw new ConfigError(
          `no secret to sign with: set ${options.secretEnv}, or give --secret-env <name> or --secret`,
        )
      const scheme: SchemeInput = options.scheme ?? sample.webhook.scheme
      const headers = await sign(scheme, {
        rawBody: sample.rawBody,
        secret,
        id: options.id ?? `msg_${randomUUID().replace(/-/g, '')}`,
      })
      const result = await sendDelivery({
        url,
        rawBody: sample.rawBody,
        headers,
        secret,
        timeoutMs: options.timeout,
      })
      const ok = result.status >= 200 && result.status < 300
      if (options.json)
        printJson({
          source,
          sample: sample.name,
          url: url.href,
          ok,
          ...result,
          latencyMs: Math.round(result.latencyMs),
        })
      else
        process.stdout.write(
          `${source}/${sample.name} → ${url.href}: ${result.status} ${result.statusText} in ${Math.round(result.latencyMs)} ms\n${result.body}\n`,
        )
      if (!ok) process.exitCode = 1
    })
}
