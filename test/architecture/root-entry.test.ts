/**
 * Issue #26 and #22 item 4: the root entry (`waybill`) is the public API and loads fast. Guards against zod or
 * fast-xml-parser coming back onto the root's import path (each added tens of milliseconds to every start-up) and
 * against internal helpers being published from the root again.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'
import { staticImports } from './static-imports.js'

describe('regression #26: importing the root entry loads neither zod nor fast-xml-parser', () => {
  it('a fresh process that imports src/index.ts has no zod registry and no fast-xml-parser module', () => {
    const script = `
      import { createRequire } from 'node:module'
      await import(${JSON.stringify(new URL('../../src/index.ts', import.meta.url).href)})
      const require = createRequire(import.meta.url)
      const fxp = require.resolve('fast-xml-parser')
      console.log(JSON.stringify({ zod: '__zod_globalRegistry' in globalThis, fxp: fxp in require.cache }))`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: new URL('../..', import.meta.url).pathname,
    })
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ zod: false, fxp: false })
  })
})

describe('regression #26: no heavy package on the root entry import path', () => {
  it('no static import of zod, fast-xml-parser, luxon, p-retry, p-limit or countries-and-timezones is reachable from src/index.ts', () => {
    const { files, packages } = staticImports(path.resolve('src/index.ts'))
    expect(files.size).toBeGreaterThan(100)
    for (const heavy of ['zod', 'fast-xml-parser', 'luxon', 'p-retry', 'p-limit', 'countries-and-timezones'])
      expect([...packages], heavy).not.toContain(heavy)
  })

  it('the check sees through re-exports: waybill/model reaches zod', () => {
    expect([...staticImports(path.resolve('src/model/index.ts')).packages]).toContain('zod')
  })
})

describe('regression #22: the root exports the public API, not internal helpers', () => {
  it('leaves the adapter, time and http helpers and the zod-built objects to their area entries', () => {
    for (const name of [
      'formatPath',
      'clean',
      'childMap',
      'lenient',
      'digitsAt',
      'basicCredentialForms',
      'redactBody',
      'redactHeaders',
      'UNKNOWN_CODE',
      'shipmentSchema',
      'trackingEventSchema',
      'shipperEventSchema',
    ])
      expect(Object.keys(root), name).not.toContain(name)
  })

  it('keeps what adapter authors and services use', () => {
    for (const name of [
      'createEvent',
      'mapCode',
      'parsePayload',
      'buildShipment',
      'isWaybillError',
      'placeMemo',
      'timeLocationOf',
      'createTracker',
      'parse214Stream',
      'normalizeTime',
      'createHttpClient',
      'parseXmlBody',
      'sftpSource',
      'memoryStore',
    ])
      expect(Object.keys(root), name).toContain(name)
  })
})
