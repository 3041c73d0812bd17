/**
 * `metrics: true` without the optional Prometheus exporter installed: `listen()` fails with a ConfigError that
 * says which packages to install, and nothing is left listening.
 */
import { describe, expect, it, vi } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { createServer } from '../../src/serve/index.js'

// Simulates an install without the optional peer dependency.
vi.mock('@opentelemetry/exporter-prometheus', () => {
  throw new Error("Cannot find package '@opentelemetry/exporter-prometheus'")
})

describe('metrics without the exporter installed', () => {
  it('fails listen() with a ConfigError naming what to install', async () => {
    const server = await createServer({ adapters: [easypost()], metrics: true, timers: false })
    const error = await server.listen({ port: 0 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('@opentelemetry/exporter-prometheus is not installed')
    expect((error as Error).message).toContain(
      'npm install @opentelemetry/api @opentelemetry/sdk-metrics @opentelemetry/exporter-prometheus',
    )
    expect(server.url).toBeUndefined()
    await server.close()
  })
})
