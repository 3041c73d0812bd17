/**
 * OpenTelemetry for waybill: spans and metrics through `@opentelemetry/api` only (an optional peer dependency,
 * never the SDK). With the API installed and an SDK registered by the application, carrier calls, ingests and the
 * tracker's changes are traced and measured; without either, every call here is a cheap no-op.
 *
 * Names follow the OpenTelemetry semantic conventions where one exists (`http.client.request.duration`,
 * `http.request.method`, `server.address`, `error.type`); waybill's own are under `waybill.` (docs/observability.md).
 */
import type * as OtelApi from '@opentelemetry/api'

type Api = typeof OtelApi
export type Attributes = Record<string, string | number | boolean | undefined>

const SCOPE = 'waybill'

/** The API module, loaded on first use (undefined when the optional peer is not installed). */
let api: Api | null | undefined
function otel(): Api | undefined {
  if (api === undefined) {
    try {
      api = process.getBuiltinModule('node:module').createRequire(import.meta.url)(
        '@opentelemetry/api',
      ) as Api
    } catch {
      api = null
    }
  }
  return api ?? undefined
}

function clean(attributes: Attributes): OtelApi.Attributes {
  const out: OtelApi.Attributes = {}
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value
  return out
}

/** What a running span lets the code around it add. */
export interface ActiveSpan {
  setAttributes(attributes: Attributes): void
}

const NO_SPAN: ActiveSpan = { setAttributes() {} }

/**
 * Runs `fn` in a span named `name` (ended when `fn` settles; an error is recorded and sets the span's status).
 * @example await inSpan('waybill.ingest', { 'waybill.carrier': 'ups' }, async (span) => { … })
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: ActiveSpan) => Promise<T>,
  kind: 'internal' | 'client' = 'internal',
): Promise<T> {
  const o = otel()
  if (!o) return fn(NO_SPAN)
  const tracer = o.trace.getTracer(SCOPE)
  return tracer.startActiveSpan(
    name,
    { kind: kind === 'client' ? o.SpanKind.CLIENT : o.SpanKind.INTERNAL, attributes: clean(attributes) },
    async (span) => {
      try {
        return await fn({ setAttributes: (more) => span.setAttributes(clean(more)) })
      } catch (error) {
        span.recordException(error as Error)
        span.setStatus({ code: o.SpanStatusCode.ERROR, message: (error as Error)?.message })
        span.setAttribute(
          'error.type',
          (error as { code?: string })?.code ?? (error as Error)?.name ?? 'Error',
        )
        throw error
      } finally {
        span.end()
      }
    },
  )
}

interface Instruments {
  counters: Map<string, OtelApi.Counter>
  histograms: Map<string, OtelApi.Histogram>
}

/** Instruments per meter provider: an application that registers its SDK after start-up still gets them. */
const byProvider = new WeakMap<object, Instruments>()

function instruments(): { meter: OtelApi.Meter; cache: Instruments } | undefined {
  const o = otel()
  if (!o) return undefined
  const provider = o.metrics.getMeterProvider()
  let cache = byProvider.get(provider)
  if (!cache) {
    cache = { counters: new Map(), histograms: new Map() }
    byProvider.set(provider, cache)
  }
  return { meter: provider.getMeter(SCOPE), cache }
}

/** Adds to a counter. */
export function count(
  name: string,
  value: number,
  attributes: Attributes,
  description: string,
  unit = '{1}',
) {
  const found = instruments()
  if (!found) return
  let counter = found.cache.counters.get(name)
  if (!counter) {
    counter = found.meter.createCounter(name, { description, unit })
    found.cache.counters.set(name, counter)
  }
  counter.add(value, clean(attributes))
}

/** Records a value in a histogram. */
export function record(
  name: string,
  value: number,
  attributes: Attributes,
  description: string,
  unit: string,
) {
  const found = instruments()
  if (!found) return
  let histogram = found.cache.histograms.get(name)
  if (!histogram) {
    histogram = found.meter.createHistogram(name, { description, unit })
    found.cache.histograms.set(name, histogram)
  }
  histogram.record(value, clean(attributes))
}
