import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { metrics, trace } from '@opentelemetry/api'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src/http/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { toy } from '../conformance/toy-adapter.js'

class TestReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

const spans = new InMemorySpanExporter()
const reader = new TestReader()

async function metricPoints(name: string) {
  const { resourceMetrics } = await reader.collect()
  const found = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)
  return found?.dataPoints ?? []
}

beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }))
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
})
afterAll(() => {
  trace.disable()
  metrics.disable()
})

describe('OpenTelemetry through @opentelemetry/api (spans and metrics appear in an in-memory exporter)', () => {
  it('a carrier call: one client span per attempt with the semantic-convention attributes, and its duration', async () => {
    let calls = 0
    const server = createServer((_req, res) => {
      calls++
      res.statusCode = calls === 1 ? 503 : 200
      res.setHeader('content-type', 'application/json')
      res.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const http = createHttpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { limit: 2, backoffBaseMs: 1, backoffCapMs: 1 },
    })
    spans.reset()
    await http.request({ url: '/track/A1?token=hidden' })
    server.close()
    const clientSpans = spans.getFinishedSpans().filter((s) => s.name === 'GET')
    expect(clientSpans.map((s) => s.attributes['http.response.status_code'])).toEqual([503, 200])
    expect(clientSpans[0]!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'server.port': port,
      'error.type': '503',
    })
    expect(clientSpans[1]!.attributes['http.request.resend_count']).toBe(1)
    expect(String(clientSpans[0]!.attributes['url.full'])).not.toContain('hidden')
    const durations = await metricPoints('http.client.request.duration')
    expect(durations.length).toBeGreaterThanOrEqual(2)
  })

  it('an ingest: a waybill.ingest span, the feed latency of each new event and the change counter', async () => {
    const tracker = createTracker({
      adapters: [toy()],
      store: memoryStore(),
      now: () => new Date('2024-03-26T16:00:00Z'),
      outbox: { drainEveryMs: 0 },
    })
    spans.reset()
    await tracker.ingest({
      source: 'toy',
      payload: {
        number: 'OT1',
        events: [{ code: 'PU', at: '2024-03-26T10:00:00-05:00', text: 'picked up' }],
      },
    })
    const ingest = spans.getFinishedSpans().find((s) => s.name === 'waybill.ingest')
    expect(ingest?.attributes).toMatchObject({
      'waybill.carrier': 'toy',
      'waybill.shipments': 1,
      'waybill.events.added': 1,
    })
    const latency = await metricPoints('waybill.feed.latency')
    const point = latency.find((p) => p.attributes['waybill.carrier'] === 'toy')
    expect((point!.value as { sum: number }).sum).toBe(3600) // 15:00Z happened, 16:00Z stored
    const changes = await metricPoints('waybill.tracker.changes')
    expect(changes.find((p) => p.attributes['waybill.carrier'] === 'toy')?.value).toBe(1)
  })
})
