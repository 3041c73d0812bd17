/**
 * Issue #26: `waybill/edi` and `waybill/identifiers` start fast (goals: under 40 ms and 20 ms in a fresh
 * process). Guards against heavy modules coming back onto their static import paths: any package (zod, the place
 * data packages, countries-and-timezones…), `node:crypto` (about 5 ms to load; event ids look it up on first use)
 * and `node:fs` (about 3 ms; the place data reads files on first use). `waybill/edi` imports no built-in at all
 * (each ES import of one costs its import facade; they are taken with `process.getBuiltinModule`).
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { staticImports } from './static-imports.js'

describe('regression #26: the light entries reach no package and no costly built-in', () => {
  it('waybill/edi: no package and no node: import is statically reachable', () => {
    const { files, packages, builtins } = staticImports(path.resolve('src/edi/index.ts'))
    expect(files.size).toBeGreaterThan(20)
    expect([...packages]).toEqual([])
    expect([...builtins]).toEqual([])
  })

  it('waybill/identifiers: no package and no node: import is statically reachable', () => {
    const { files, packages, builtins } = staticImports(path.resolve('src/identifiers/index.ts'))
    expect(files.size).toBeGreaterThan(20)
    expect([...packages]).toEqual([])
    expect([...builtins]).toEqual([])
  })

  it('the check sees built-ins and packages: the root reaches node:crypto, waybill/model reaches zod', () => {
    expect([...staticImports(path.resolve('src/index.ts')).builtins]).toContain('node:crypto')
    expect([...staticImports(path.resolve('src/model/index.ts')).packages]).toContain('zod')
  })
})
