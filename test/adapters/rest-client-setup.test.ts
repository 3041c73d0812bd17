/**
 * The six adapters moved onto createCarrierClient (#24) check their base URL when they are created, not at their
 * first track() call, and still construct and normalize without credentials.
 */
import { describe, expect, it } from 'vitest'
import { track17 } from '../../adapters/17track/index.js'
import { dpd } from '../../adapters/dpd/index.js'
import { gls } from '../../adapters/gls/index.js'
import { laposte } from '../../adapters/laposte/index.js'
import { postnl } from '../../adapters/postnl/index.js'
import { royalmail } from '../../adapters/royalmail/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'

const adapters: [string, (options: { baseUrl?: string }) => Adapter][] = [
  ['royalmail', royalmail],
  ['postnl', postnl],
  ['gls', gls],
  ['17track', track17],
  ['laposte', laposte],
  ['dpd', dpd],
]

describe.each(adapters)('%s on createCarrierClient', (id, create) => {
  it('refuses a base URL that is not an http(s) URL when it is created, naming the option', () => {
    expect(() => create({ baseUrl: 'not a url' })).toThrow(ConfigError)
    expect(() => create({ baseUrl: 'not a url' })).toThrow(`${id}({ baseUrl })`)
    expect(() => create({ baseUrl: 'ftp://127.0.0.1/' })).toThrow(/"ftp:" is not http: or https:/)
  })

  it('constructs without credentials, and track() then names what is missing', async () => {
    const adapter = create({ baseUrl: 'http://127.0.0.1:9' })
    expect(adapter.id).toBe(id)
    await expect(adapter.track?.(['X1'])).rejects.toThrow(ConfigError)
    await expect(adapter.track?.(['X1'])).rejects.toThrow(`${id}: track() needs`)
  })
})
