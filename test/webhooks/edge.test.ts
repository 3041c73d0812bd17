/**
 * `waybill/webhooks` on edge runtimes (#22): the entry bundles for the browser with no Node built-in, no undici and
 * no zod; a verify-only bundle stays under 30 KB minified; and the bundle verifies the Standard Webhooks vectors in
 * a real worker runtime (`@edge-runtime/vm`: Web APIs only, no `process`, no `require`), on WebCrypto. The same
 * bundle runs in headless Chromium in test/browser/webhooks.test.ts.
 */
import path from 'node:path'
import { EdgeVM } from '@edge-runtime/vm'
import { build, type Metafile } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

const entry = path.resolve('src/webhooks/index.ts')

async function bundle(contents: string, format: 'esm' | 'iife') {
  const result = await build({
    stdin: { contents, resolveDir: path.resolve('.'), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format,
    ...(format === 'iife' ? { globalName: 'waybillWebhooks' } : {}),
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]!.text, metafile: result.metafile as Metafile }
}

const VECTOR = {
  rawBody: '{"test": 2432232314}',
  headers: {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  },
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
}

describe('waybill/webhooks bundles for browsers and workers', () => {
  it('the whole entry builds for the browser without Node built-ins, undici or zod', async () => {
    const { metafile } = await bundle(`export * from ${JSON.stringify(entry)}`, 'esm')
    const inputs = Object.keys(metafile.inputs)
    expect(inputs.filter((file) => /node_modules\/(zod|undici)\//.test(file))).toEqual([])
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))
    expect(imports.filter((spec) => spec.startsWith('node:') || spec === 'undici')).toEqual([])
  })

  it('a verify-only bundle is under 30 KB minified (regression: 476 KB, almost all zod)', async () => {
    const { code } = await bundle(`export { verify } from ${JSON.stringify(entry)}`, 'esm')
    expect(Buffer.byteLength(code)).toBeLessThan(30_000)
  })
})

describe('the bundle in a worker runtime (@edge-runtime/vm, WebCrypto only)', () => {
  let vm: EdgeVM
  beforeAll(async () => {
    const { code } = await bundle(`export * from ${JSON.stringify(entry)}`, 'iife')
    vm = new EdgeVM()
    vm.evaluate(code)
  })

  const run = (expression: string) => vm.evaluate<Promise<unknown>>(`(async () => ${expression})()`)

  it('is a runtime without Node: no process, no require', () => {
    expect(vm.evaluate('typeof process + typeof require')).toBe('undefinedundefined')
  })

  it('verifies the official Standard Webhooks vector and refuses a changed body', async () => {
    const input = `{ rawBody: ${JSON.stringify(VECTOR.rawBody)}, headers: ${JSON.stringify(VECTOR.headers)}, secrets: [${JSON.stringify(VECTOR.secret)}], now: new Date(1614265330000) }`
    expect(await run(`waybillWebhooks.verify('standard-webhooks', ${input})`)).toMatchObject({
      valid: true,
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    })
    expect(
      await run(
        `waybillWebhooks.verify('standard-webhooks', { ...${input}, rawBody: '{"test":2432232314}' })`,
      ),
    ).toMatchObject({ valid: false, reason: 'no_matching_signature' })
  })

  it('signs with the vector secret exactly as the reference does', async () => {
    const signed = await run(
      `waybillWebhooks.sign('standard-webhooks', { rawBody: ${JSON.stringify(VECTOR.rawBody)}, secret: ${JSON.stringify(VECTOR.secret)}, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: new Date(1614265330000) })`,
    )
    expect(signed).toMatchObject(VECTOR.headers)
  })

  it('serves the fetch handler: a signed delivery gets 200 once, then is recognised as a duplicate', async () => {
    const statuses = await run(`(async () => {
      const parse = (raw) => JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw))
      const source = { id: 'demo', webhook: { scheme: 'github', parse },
        normalize: (payload) => ({ shipments: [], notFound: [], warnings: [] }) }
      const seen = []
      const handler = waybillWebhooks.createWebhookHandler({
        sources: { demo: source }, secrets: ['gh-secret'], onEvents: (batch) => { seen.push(batch.deliveryId) } })
      const body = '{"zen":"ok"}'
      const headers = await waybillWebhooks.sign('github', { rawBody: body, secret: 'gh-secret' })
      const post = () => handler.fetch(new Request('https://edge.test/webhooks/demo', { method: 'POST', body,
        headers: { ...headers, 'x-github-delivery': 'd-1', 'content-type': 'application/json' } }))
      const first = await post()
      const second = await post()
      return [first.status, second.status, seen.length]
    })()`)
    expect(statuses).toEqual([200, 200, 1])
  })
})
