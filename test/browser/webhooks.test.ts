/**
 * `waybill/webhooks` in headless Chromium (#22): the entry, bundled with esbuild for the browser as a user's bundler
 * would, verifies and signs the official Standard Webhooks vector on the page's WebCrypto (a secure context:
 * 127.0.0.1), and refuses a changed body and a wrong secret.
 */
import path from 'node:path'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Browser, launch, type Route, repoRoot, serve } from './helpers.js'

let browser: Browser
let server: Awaited<ReturnType<typeof serve>>
let page: Page

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'src/webhooks/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  const routes = new Map<string, Route>([
    ['/webhooks.js', { type: 'text/javascript', body: result.outputFiles[0]!.text }],
    [
      '/index.html',
      {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>webhooks</title></head><body><script type="module">import * as w from '/webhooks.js'; window.waybillWebhooks = w; document.body.dataset.ready = '1'</script></body></html>`,
      },
    ],
  ])
  server = await serve(routes)
  browser = await launch()
  page = await browser.context.newPage()
  await page.goto(`${server.origin}/index.html`)
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached' })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('verifies and signs the Standard Webhooks vector with WebCrypto in Chromium', async () => {
  const outcome = await page.evaluate(async () => {
    const w = (window as unknown as { waybillWebhooks: typeof import('../../src/webhooks/index.js') })
      .waybillWebhooks
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    }
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const input = {
      rawBody: '{"test": 2432232314}',
      headers,
      secrets: [secret],
      now: new Date(1614265330_000),
    }
    const good = await w.verify('standard-webhooks', input)
    const changed = await w.verify('standard-webhooks', { ...input, rawBody: '{"test":2432232314}' })
    const wrongSecret = await w.verify('standard-webhooks', {
      ...input,
      secrets: ['whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA=='],
    })
    const signed = await w.sign('standard-webhooks', {
      rawBody: input.rawBody,
      secret,
      id: headers['webhook-id'],
      timestamp: input.now,
    })
    return {
      hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
      good: good.valid,
      changed: changed.valid ? 'valid' : changed.reason,
      wrongSecret: wrongSecret.valid ? 'valid' : wrongSecret.reason,
      signature: signed['webhook-signature'],
    }
  })
  expect(outcome).toEqual({
    hasProcess: false,
    good: true,
    changed: 'no_matching_signature',
    wrongSecret: 'no_matching_signature',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  })
})
