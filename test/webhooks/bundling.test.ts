/**
 * Regression: the package declares itself free of side effects (outside the browser bundle), so bundlers drop
 * any module imported only for its side effects. String scheme ids (`verify('github', …)`) once depended on such
 * an import; a user who bundled `verify` alone got "Unknown webhook scheme". This bundles `verify` alone, as a
 * user's bundler would (esbuild honouring package.json `sideEffects`), and runs it.
 */
import { createHmac } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { expect, it } from 'vitest'

it('a bundle that imports only verify still knows the built-in scheme ids', async () => {
  const dir = path.resolve('node_modules/.cache/waybill-test-bundling')
  mkdirSync(dir, { recursive: true })
  const entry = path.join(dir, 'entry.ts')
  writeFileSync(
    entry,
    `import { verify } from ${JSON.stringify(path.resolve('src/webhooks/index.ts'))}\nexport { verify }\n`,
  )
  const outfile = path.join(dir, 'bundle.mjs')
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    treeShaking: true,
    outfile,
    logLevel: 'silent',
  })
  expect(result.warnings.map((w) => w.text)).toEqual([])
  const { verify } = (await import(
    pathToFileURL(outfile).href
  )) as typeof import('../../src/webhooks/index.js')
  const rawBody = new TextEncoder().encode('{"zen":"ok"}')
  const signature = `sha256=${createHmac('sha256', 'gh-secret').update(rawBody).digest('hex')}`
  const outcome = await verify('github', {
    rawBody,
    headers: { 'x-hub-signature-256': signature, 'x-github-delivery': 'd1' },
    secrets: ['gh-secret'],
  })
  expect(outcome).toMatchObject({ valid: true, scheme: 'github', id: 'd1' })
})
