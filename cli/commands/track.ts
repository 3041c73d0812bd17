/**
 * `waybill track` (ask the carrier, detected when not given; custom adapters from `--adapter <module>`, a base URL
 * per adapter from `--base-url carrier=url`) and `waybill normalize` (a payload file → canonical).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'
import type { Adapter } from '../../src/adapter/index.js'
import { ConfigError, ParseError } from '../../src/errors/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { printJson, progress } from '../output.js'
import { SHIPPED_ADAPTERS, shippedAdapter } from '../shipped-adapters.js'
import { formatTimeline, terminalWidth } from '../timeline.js'

function readNumbers(numbers: string[], file: string | undefined): string[] {
  const fromFile = file
    ? readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : []
  return [...numbers, ...fromFile]
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** `carrier=url` pairs of `--base-url`, checked: an id, `=`, an absolute http(s) URL. */
export function parseBaseUrls(values: readonly string[]): Map<string, string> {
  const urls = new Map<string, string>()
  for (const value of values) {
    const at = value.indexOf('=')
    const id = value.slice(0, at).trim()
    const url = value.slice(at + 1).trim()
    let parsed: URL | undefined
    try {
      parsed = at > 0 ? new URL(url) : undefined
    } catch {
      parsed = undefined
    }
    if (!id || !parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new ConfigError(
        `--base-url '${value}': expected <carrier>=<http(s) URL>, e.g. ups=http://127.0.0.1:8080`,
      )
    urls.set(id, url)
  }
  return urls
}

function isAdapter(value: unknown): value is Adapter {
  const a = value as Adapter | null | undefined
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.id === 'string' &&
    a.id !== '' &&
    typeof a.normalize === 'function'
  )
}

type AdapterExport =
  | Adapter
  | readonly Adapter[]
  | ((options: { baseUrl?: string }) => Adapter | readonly Adapter[])

function asAdapters(value: unknown): Adapter[] | undefined {
  const list = Array.isArray(value) ? value : [value]
  return list.length > 0 && list.every(isAdapter) ? (list as Adapter[]) : undefined
}

/**
 * The adapters a module exports (its default export, else `adapters` or `adapter`): an adapter, an array of
 * adapters, or a factory called with `{ baseUrl }` (the `--base-url` given for the adapter's id, if any).
 */
export async function loadAdapterModule(
  file: string,
  baseUrls: ReadonlyMap<string, string>,
): Promise<Adapter[]> {
  let mod: Record<string, unknown>
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>
  } catch (cause) {
    throw new ConfigError(`--adapter ${file}: cannot load the module (${(cause as Error).message})`, {
      cause,
    })
  }
  const exported = (mod.default ?? mod.adapters ?? mod.adapter) as AdapterExport | undefined
  const what = `--adapter ${file}: the default export (or \`adapters\`/\`adapter\`) must be an adapter (an object with id and normalize()), an array of adapters, or a factory returning one`
  if (typeof exported !== 'function') {
    const adapters = asAdapters(exported)
    if (!adapters) throw new ConfigError(what)
    return adapters
  }
  const built = asAdapters(exported({}))
  if (!built) throw new ConfigError(what)
  // Build again with the base URL given for the adapter's id (the id is only known once built).
  return built.map((a) => {
    const baseUrl = baseUrls.get(a.id)
    if (!baseUrl) return a
    const again = asAdapters(exported({ baseUrl }))?.find((b) => b.id === a.id)
    if (!again) throw new ConfigError(what)
    return again
  })
}

/** Shipped adapters with credentials (pointed at `--base-url` when given), then custom ones (same id replaces). */
async function trackingAdapters(
  modules: readonly string[],
  baseUrlFlags: readonly string[],
): Promise<Adapter[]> {
  const baseUrls = parseBaseUrls(baseUrlFlags)
  const byId = new Map<string, Adapter>()
  for (const shipped of SHIPPED_ADAPTERS.filter((a) => a.env.length)) {
    const adapter = shipped.fromEnv(process.env, baseUrls.get(shipped.id))
    if (adapter) byId.set(shipped.id, adapter)
  }
  for (const file of modules)
    for (const adapter of await loadAdapterModule(file, baseUrls)) byId.set(adapter.id, adapter)
  for (const id of baseUrls.keys()) {
    if (!byId.get(id)?.track)
      throw new ConfigError(
        `--base-url ${id}=…: no tracking adapter '${id}' (known: ${[...byId.values()]
          .filter((a) => a.track)
          .map((a) => a.id)
          .join(', ')})`,
      )
  }
  return [...byId.values()]
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
    .option(
      '--adapter <module>',
      'load custom adapters from a module (default export: an adapter, an array of adapters, or a factory taking { baseUrl }); repeatable',
      collect,
      [],
    )
    .option(
      '--base-url <carrier=url>',
      "an adapter's base URL (sandbox, fake, proxy), e.g. ups=http://127.0.0.1:8080; repeatable",
      collect,
      [],
    )
    .option('--json', 'one JSON line per number')
    .action(
      async (
        numbers: string[],
        opts: { carrier?: string; file?: string; json?: boolean; adapter: string[]; baseUrl: string[] },
      ) => {
        const list = readNumbers(numbers, opts.file)
        if (!list.length) throw new ConfigError('give at least one tracking number (or --file)')
        const adapters = await trackingAdapters(opts.adapter, opts.baseUrl)
        const tracker = createTracker({ adapters })
        const bar = progress(list.length)
        const width = terminalWidth()
        let failed = false
        try {
          for (const number of list) {
            bar.tick(number)
            const result = await tracker.track(number, opts.carrier ? { carrier: opts.carrier } : {})
            bar.clear() // results never share a line with the bar
            if (opts.json) printJson(result)
            else if (result.found)
              process.stdout.write(`${result.shipments.map((s) => formatTimeline(s, width)).join('\n')}\n`)
            else {
              failed = true
              process.stderr.write(
                `${number}: not found (tried ${result.tried.join(', ') || 'no carrier matched the number'})\n`,
              )
            }
          }
        } finally {
          bar.done()
        }
        if (failed) process.exitCode = 1
      },
    )

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
      for (const s of result.shipments) process.stdout.write(`${formatTimeline(s, terminalWidth())}\n`)
      for (const n of result.notFound)
        process.stdout.write(`${n.trackingNumber}: not found${n.carrierCode ? ` (${n.carrierCode})` : ''}\n`)
      for (const w of result.warnings)
        process.stderr.write(`warning: ${w.code}: ${w.message}${w.path ? ` at ${w.path}` : ''}\n`)
    })
}
