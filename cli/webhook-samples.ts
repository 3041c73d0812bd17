/**
 * Sample webhook deliveries for `waybill webhook send`: the shipped fixtures of each adapter that receives
 * webhooks, filtered to the files that are deliveries (not REST answers), with the scheme the adapter verifies.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { aftership } from '../adapters/aftership/index.js'
import { easypost } from '../adapters/easypost/index.js'
import { ups } from '../adapters/ups/index.js'
import type { AdapterWebhook } from '../src/adapter/index.js'
import { ConfigError } from '../src/errors/index.js'
import { packageRoot } from './package-root.js'

interface SampleSource {
  /** The adapter's webhook: its scheme signs the sample. */
  webhook: () => AdapterWebhook
  /** The sample sent when none is named. */
  defaultSample: string
  /** Whether a parsed fixture is a delivery of this source (an envelope as pushed, not a REST answer). */
  isDelivery(payload: unknown): boolean
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An EasyPost webhook is an `Event` object wrapping the tracker; a bare `Tracker` is what the API answers. */
const isEasypostEvent = (payload: unknown) => isObject(payload) && payload.object === 'Event'
/** An AfterShip webhook is an envelope with the tracking in `msg`. */
const isAftershipEnvelope = (payload: unknown) => isObject(payload) && isObject(payload.msg)
/** A UPS Track Alert is one activity with its tracking number, no `trackResponse` around it. */
const isUpsTrackAlert = (payload: unknown) =>
  isObject(payload) && typeof payload.trackingNumber === 'string' && !('trackResponse' in payload)

const SOURCES: Record<string, SampleSource> = {
  aftership: {
    webhook: () => aftership().webhook!,
    defaultSample: 'attempt-fail',
    isDelivery: isAftershipEnvelope,
  },
  easypost: {
    webhook: () => easypost().webhook!,
    defaultSample: 'tracker-updated-in-transit',
    isDelivery: isEasypostEvent,
  },
  ups: {
    webhook: () => ups().webhook!,
    defaultSample: 'track-alert-out-for-delivery',
    isDelivery: isUpsTrackAlert,
  },
}

/** The sources `waybill webhook send` has samples for. */
export const webhookSampleSources = Object.keys(SOURCES)

/** One delivery to send: the fixture's bytes exactly as shipped and the adapter's scheme. */
export interface WebhookSample {
  source: string
  name: string
  rawBody: Uint8Array<ArrayBuffer>
  webhook: AdapterWebhook
}

function sourceOf(source: string): SampleSource {
  const found = Object.hasOwn(SOURCES, source) ? SOURCES[source] : undefined
  if (!found)
    throw new ConfigError(
      `no webhook samples for source '${source}' (known: ${webhookSampleSources.join(', ')})`,
    )
  return found
}

/** A fixture file that holds a payload (not an expected result, a context, a recorded exchange or options). */
const isPayloadFile = (file: string) =>
  file.endsWith('.json') && !/\.(expected|context|http)\.json$/.test(file) && file !== 'adapter-options.json'

/** Names of the delivery samples of a source, sorted, the default first. */
export function listWebhookSamples(source: string): string[] {
  const spec = sourceOf(source)
  const dir = join(packageRoot(), 'fixtures', source)
  const names: string[] = []
  for (const file of readdirSync(dir).filter(isPayloadFile).sort()) {
    let payload: unknown
    try {
      payload = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    } catch {
      continue // a fixture that is not JSON is not a delivery sample
    }
    if (spec.isDelivery(payload)) names.push(file.slice(0, -'.json'.length))
  }
  return [...names.filter((n) => n === spec.defaultSample), ...names.filter((n) => n !== spec.defaultSample)]
}

/**
 * The sample `name` of `source` (its default sample when no name is given).
 * @example const sample = loadWebhookSample('easypost') // tracker-updated-in-transit
 */
export function loadWebhookSample(source: string, name?: string): WebhookSample {
  const spec = sourceOf(source)
  const wanted = name ?? spec.defaultSample
  const samples = listWebhookSamples(source)
  if (!samples.includes(wanted))
    throw new ConfigError(
      `no webhook sample '${wanted}' for ${source} (samples: ${samples.join(', ') || 'none'})`,
    )
  const rawBody = new Uint8Array(readFileSync(join(packageRoot(), 'fixtures', source, `${wanted}.json`)))
  return { source, name: wanted, rawBody, webhook: spec.webhook() }
}
