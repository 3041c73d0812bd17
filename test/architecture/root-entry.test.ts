/**
 * Issue #26 and #22 item 4: the root entry (`waybill`) is the public API and loads fast. Guards against zod or
 * fast-xml-parser coming back onto the root's import path (each added tens of milliseconds to every start-up) and
 * against internal helpers being published from the root again.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'

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

/** Packages the source files statically reachable from `entry` import (type-only imports and `import()` left out). */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?\bfrom\s+'([^']+)'/gm),
      ...text.matchAll(/^import\s+'([^']+)'/gm),
    ].map((m) => m[1]!)
    for (const specifier of specifiers) {
      if (specifier.startsWith('.'))
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))
      else if (!specifier.startsWith('node:')) packages.add(specifier)
    }
  }
  visit(entry)
  return packages
}

describe('regression #26: no heavy package on the root entry import path', () => {
  it('no static import of zod, fast-xml-parser, luxon, p-retry or countries-and-timezones is reachable from src/index.ts', () => {
    const packages = staticPackages(path.resolve('src/index.ts'))
    expect(packages.size).toBeGreaterThan(0)
    for (const heavy of ['zod', 'fast-xml-parser', 'luxon', 'p-retry', 'countries-and-timezones'])
      expect([...packages], heavy).not.toContain(heavy)
  })

  it('the check sees through re-exports: waybill/model reaches zod', () => {
    expect([...staticPackages(path.resolve('src/model/index.ts'))]).toContain('zod')
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
