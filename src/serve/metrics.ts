/**
 * `GET /metrics`: the OpenTelemetry metrics of this process (waybill's instruments, docs/observability.md, and the
 * server's `http.server.request.duration`) in the Prometheus text format, through the maintained exporter
 * (`@opentelemetry/exporter-prometheus` over `@opentelemetry/sdk-metrics`). Both are optional peers, loaded only
 * when metrics are on; a missing one is a `ConfigError` that says what to install.
 */
import { ConfigError } from '../errors/index.js'
import type { RouteHandler } from './config.js'

const PACKAGES = ['@opentelemetry/api', '@opentelemetry/sdk-metrics', '@opentelemetry/exporter-prometheus']

/** Buckets of HTTP durations in seconds: the ones the semantic conventions advise. */
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

/** Buckets of feed latency in seconds, from a minute to two days (carriers report in minutes to hours). */
const FEED_SECONDS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800]

/** A running exporter: the route, and how to stop it. */
export interface MetricsEndpoint {
  route: RouteHandler
  close(): Promise<void>
}

async function load<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T
  } catch (error) {
    throw new ConfigError(
      `metrics: the optional package ${name} is not installed. Metrics need ${PACKAGES.join(', ')}: npm install ${PACKAGES.join(' ')}`,
      { cause: error },
    )
  }
}

type Api = typeof import('@opentelemetry/api')
type SdkMetrics = typeof import('@opentelemetry/sdk-metrics')
type Prometheus = typeof import('@opentelemetry/exporter-prometheus')
type ViewOptions = import('@opentelemetry/sdk-metrics').ViewOptions

/**
 * Registers a meter provider with a Prometheus reader as the process's global one, and returns the route that
 * serves it. One served instance per process: when an application has registered its own meter provider, this
 * fails (add the Prometheus reader to that provider instead, and leave `metrics` off).
 */
export async function startMetrics(): Promise<MetricsEndpoint> {
  const api = await load<Api>('@opentelemetry/api')
  const sdk = await load<SdkMetrics>('@opentelemetry/sdk-metrics')
  const prometheus = await load<Prometheus>('@opentelemetry/exporter-prometheus')
  const exporter = new prometheus.PrometheusExporter({ preventServerStart: true })
  const histogram = (instrumentName: string, boundaries: number[]): ViewOptions => ({
    instrumentName,
    aggregation: { type: sdk.AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries } },
  })
  const provider = new sdk.MeterProvider({
    readers: [exporter],
    views: [
      histogram('http.server.request.duration', HTTP_SECONDS),
      histogram('http.client.request.duration', HTTP_SECONDS),
      histogram('waybill.feed.latency', FEED_SECONDS),
    ],
  })
  if (!api.metrics.setGlobalMeterProvider(provider)) {
    await provider.shutdown()
    throw new ConfigError(
      'metrics: a global OpenTelemetry meter provider is already registered in this process; add a PrometheusExporter reader to it and set metrics: false',
    )
  }
  const serializer = new prometheus.PrometheusSerializer()
  return {
    async route(request) {
      if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } })
      const { resourceMetrics } = await exporter.collect()
      return new Response(serializer.serialize(resourceMetrics), {
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
      })
    },
    async close() {
      await provider.shutdown().catch(() => undefined)
      api.metrics.disable()
    },
  }
}
