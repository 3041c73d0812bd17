/**
 * The configuration of `waybill serve` is checked once, at start: each bad key fails with a ConfigError naming its
 * path, before any port is opened; files load as .mjs/.js, and a .ts file without a loader says what to do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { createServer, loadConfig, parseConfig, type ServeConfig } from '../../src/serve/index.js'

const base = (): ServeConfig => ({
  adapters: [easypost()],
  webhooks: [{ name: 'easypost', adapter: 'easypost', secret: 'a-webhook-secret' }],
})

function failure(input: unknown): ConfigError {
  try {
    parseConfig(input)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('accepts a good configuration as it is (instances kept)', () => {
    const config = base()
    expect(parseConfig(config)).toBe(config)
  })

  it.each([
    [
      'a secret of the wrong type',
      { webhooks: [base().webhooks![0], { name: 'b', adapter: 'easypost', secret: 42 }] },
      'webhooks[1].secret: expected string or array of strings',
    ],
    ['a misspelt key', { webhook: [] }, 'webhook: unknown key webhook'],
    [
      'an unknown adapter id',
      { webhooks: [{ name: 'x', adapter: 'fedex', secret: 's' }] },
      'webhooks[0].adapter: no adapter with id "fedex"',
    ],
    [
      'a short pages secret',
      { pages: { secret: 'short' } },
      'pages.secret: expected a string of at least 32 characters',
    ],
    ['a port out of range', { server: { port: 70000 } }, 'server.port:'],
    [
      'a poll job of an adapter that cannot track',
      { poll: { jobs: [{ adapter: { id: 'x', normalize() {} }, numbers: ['1'] }] } },
      'poll.jobs[0].adapter: adapter "x" cannot track',
    ],
    [
      'a mount without the operator credential',
      { mount: { '/ops': { fetch: async () => new Response() } } },
      'mount./ops: mounted behind the operator credential',
    ],
    [
      'a mount over an own route',
      {
        operator: { credential: 'an-operator-credential' },
        mount: { '/api/x': { handler: async () => new Response(), auth: 'operator' } },
      },
      "mount./api/x: this prefix is one of the server's own routes",
    ],
    [
      'an operator view over an own route',
      { operator: { credential: 'an-operator-credential', view: { path: '/t' } } },
      "operator.view.path: this prefix is one of the server's own routes",
    ],
    [
      'an operator view path with a trailing slash',
      { operator: { credential: 'an-operator-credential', view: { path: '/ops/' } } },
      'operator.view.path: expected a path like /ops',
    ],
    ['a missing adapters list', { adapters: undefined }, 'adapters: required (expected array)'],
    ['an API key as a number', { api: { keys: [1234567890] } }, 'api.keys[0]: expected string, got number'],
    [
      'a duplicate webhook name',
      { webhooks: [base().webhooks![0], base().webhooks![0]] },
      'webhooks[1].name: "easypost" is used twice',
    ],
  ])('names the key of %s', (_, change, message) => {
    const error = failure({ ...base(), ...change })
    expect(error.message).toContain(`config: ${message}`)
    expect(error.details.path).toBe(message.split(':')[0])
  })

  it('fails createServer before anything is opened', async () => {
    await expect(createServer({ ...base(), timers: { everyMs: -1 } })).rejects.toThrow(/timers(\.everyMs)?: /)
  })

  it('names the webhook whose adapter has no webhook support', async () => {
    const noHooks = { ...easypost(), id: 'plain', webhook: undefined }
    await expect(
      createServer({ adapters: [noHooks], webhooks: [{ name: 'p', adapter: 'plain', secret: 's' }] }),
    ).rejects.toThrow(/^config: webhooks\[0\]: sources\.p: adapter 'plain' has no webhook support/)
  })
})

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-serve-config-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const adapterUrl = new URL('../../adapters/easypost/index.ts', import.meta.url).href

  it('loads an .mjs file with a default export and checks it', async () => {
    const file = join(dir, 'good.mjs')
    writeFileSync(
      file,
      `import { easypost } from ${JSON.stringify(adapterUrl)}\nexport default { adapters: [easypost()], timers: false }\n`,
    )
    const config = await loadConfig(file)
    expect(config.adapters[0]!.id).toBe('easypost')
  })

  it('names the file and the key of a bad one', async () => {
    const file = join(dir, 'bad.mjs')
    writeFileSync(file, `export default { adapters: [], api: { keys: 'one' } }\n`)
    await expect(loadConfig(file)).rejects.toThrow(`${file}: adapters: expected at least one adapter`)
  })

  it('says a missing file, and a file that throws, plainly', async () => {
    await expect(loadConfig(join(dir, 'none.mjs'))).rejects.toThrow(/config: no file at/)
    const file = join(dir, 'throws.mjs')
    writeFileSync(file, `throw new Error('boom in config')\n`)
    await expect(loadConfig(file)).rejects.toThrow(/failed to load: boom in config/)
  })
})
