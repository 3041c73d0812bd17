/**
 * `waybill serve --config waybill.config.mjs [--port] [--host]`: runs a configuration as one long-running process
 * (webhooks, polls, SFTP watchers, timers, pages, API, health, metrics) until SIGTERM or SIGINT, then shuts down
 * gracefully. `--demo` serves the offline demo's carriers on loopback instead of a configuration.
 */
import type { Command } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import { createServer, loadConfig, type ServeConfig, type WaybillServer } from '../../src/serve/index.js'

interface ServeOptions {
  config?: string
  port?: string
  host?: string
  demo?: boolean
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port: expected a port number from 0 to 65535 (got ${value})`)
  return port
}

/** The lines that say where everything is served. */
export function describeUrls(url: string, config: ServeConfig): string[] {
  const lines = [`waybill serve: listening on ${url}`, `  health    ${url}/healthz  ${url}/readyz`]
  for (const hook of config.webhooks ?? []) lines.push(`  webhook   POST ${url}/webhooks/${hook.name}`)
  if (config.pages)
    lines.push(
      `  pages     ${url}/t/<carrier>/<number>?sig=… (signPageLink)${config.pages.lookup === false ? '' : `, ${url}/t?number=…&postal=…`}`,
    )
  if (config.api) lines.push(`  api       ${url}/api/shipments (Authorization: Bearer <key>)`)
  if (config.metrics) {
    const path = typeof config.metrics === 'object' ? (config.metrics.path ?? '/metrics') : '/metrics'
    lines.push(`  metrics   ${url}${path}`)
  }
  for (const prefix of Object.keys(config.mount ?? {})) lines.push(`  mounted   ${url}${prefix}`)
  const jobs = config.poll?.jobs.length ?? 0
  const watches = config.sftp?.length ?? 0
  lines.push(
    `  sources   ${jobs} poll job(s), ${watches} SFTP folder(s), ${config.webhooks?.length ?? 0} webhook(s)`,
  )
  return lines
}

/** Resolves when the server has closed (after a signal). */
function closed(server: WaybillServer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGTERM', done)
      process.off('SIGINT', done)
      process.stderr.write('waybill serve: shutting down (finishing in-flight work)\n')
      void server.close().then(resolve)
    }
    process.once('SIGTERM', done)
    process.once('SIGINT', done)
  })
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'run a waybill.config.{mjs,js,ts} as a service: webhooks, polls, SFTP watchers, timers, pages, JSON API, health and metrics',
    )
    .option(
      '--config <file>',
      'the configuration file (default: waybill.config.mjs, .js or .ts in this folder)',
    )
    .option('--port <n>', 'port to listen on (default: the config, else 8080; 0: any free port)')
    .option('--host <address>', 'address to listen on (default: the config, else 127.0.0.1)')
    .option('--demo', "serve the offline demo's carriers on loopback instead of a configuration")
    .action(async (opts: ServeOptions) => {
      const port = portOf(opts.port)
      const listen = { ...(port !== undefined ? { port } : {}), ...(opts.host ? { host: opts.host } : {}) }
      if (opts.demo) {
        const { startServedDemo } = await import('../demo/served.js')
        const demo = await startServedDemo(listen)
        process.stdout.write(
          [
            `waybill serve --demo: listening on ${demo.url} (story time, loopback carriers; Ctrl-C stops)`,
            `  health    ${demo.url}/healthz  ${demo.url}/readyz`,
            `  api       curl -H 'Authorization: Bearer ${demo.apiKey}' ${demo.url}/api/shipments`,
            `  webhooks  ${demo.deliveries.map((d) => `${d.source} ${d.status}`).join(', ')}`,
            '  pages',
            ...(await demo.links()).map((link) => `    ${link}`),
            '',
          ].join('\n'),
        )
        await closed(demo.server)
        await demo.close()
        return
      }
      const config = await loadConfig(opts.config)
      const server = await createServer(config)
      const url = await server.listen(listen)
      process.stdout.write(`${describeUrls(url, config).join('\n')}\n`)
      await closed(server)
    })
}
