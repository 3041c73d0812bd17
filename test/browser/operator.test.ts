/**
 * The operator view in headless Chromium: every page through axe-core in light and dark, the layout at 360 px and
 * 1280 px (no horizontal scroll, no overlapping text), hostile carrier text that stays text, and a 401 without the
 * credential; the alert queue acknowledged with its form, no script (regression guard: under the no-referrer policy
 * Chromium posts `Origin: null`, which an Origin-only check refused). Served by the view's own fetch handler behind
 * a loopback node:http server.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperatorView, type OperatorView } from '../../src/operator/index.js'
import { alert } from '../operator/alerts.js'
import { escalatingRouter, HOSTILE, stockedTracker, TOKEN } from '../operator/fixtures.js'
import { type Browser, ensureScreenshotDir, launch, layoutProblems, seriousViolations } from './helpers.js'

const PAGES = [
  '/ops',
  '/ops/alerts',
  '/ops/exceptions',
  '/ops/late',
  '/ops/stalled',
  '/ops/returns',
  '/ops/freshness',
  '/ops/kpis',
  '/ops/shipments/acme/EVIL1',
  '/ops/shipments/acme/EXC1',
]

let browser: Browser
let page: Page
let server: Server
let origin: string

/** A node:http server handing every request to the view as a fetch `Request`. */
function mount(view: OperatorView): Promise<Server> {
  const s = createServer(async (req, res) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : Buffer.concat(chunks)
    const response = await view.fetch(
      new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }),
    )
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)))
}

beforeAll(async () => {
  const t = await stockedTracker()
  const { router } = escalatingRouter()
  await router.route(
    alert({ trackingNumber: 'EXC1', dedupeKey: 'acme:EXC1::exception:ev1', kind: 'exception' }),
  )
  await router.route(
    alert({ trackingNumber: 'EVIL1', dedupeKey: `acme:EVIL1::late:${HOSTILE}`, kind: 'late' }),
  )
  server = await mount(
    createOperatorView({
      router,
      tracker: t.tracker,
      credential: { bearer: TOKEN },
      basePath: '/ops',
      now: () => t.clock.now,
    }),
  )
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launch()
  page = await browser.context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

async function open(url: string, width: number, scheme: 'light' | 'dark'): Promise<number> {
  await page.setViewportSize({ width, height: 800 })
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${TOKEN}` })
  const response = await page.goto(`${origin}${url}`)
  return response?.status() ?? 0
}

describe('the operator view in Chromium', () => {
  it('refuses a browser without the credential', async () => {
    await page.setExtraHTTPHeaders({})
    const response = await page.goto(`${origin}/ops/exceptions`)
    expect(response?.status()).toBe(401)
    expect(await page.content()).not.toContain('EXC1')
  })

  for (const scheme of ['light', 'dark'] as const)
    for (const width of [360, 1280])
      it(`passes axe and lays out at ${width} px in ${scheme}`, async () => {
        const dir = ensureScreenshotDir()
        for (const url of PAGES) {
          expect(await open(url, width, scheme), url).toBe(200)
          expect(await seriousViolations(page), `${url} ${width} ${scheme}`).toEqual([])
          expect(await layoutProblems(page), `${url} ${width} ${scheme}`).toEqual([])
          if (url.endsWith('EVIL1') || url.endsWith('/exceptions'))
            await page.screenshot({
              path: path.join(dir, `operator-${url.split('/').pop()}-${width}-${scheme}.png`),
              fullPage: true,
            })
        }
      })

  it('acknowledges an alert from the queue with the form, without a script', async () => {
    await open('/ops/alerts', 360, 'light')
    expect(await page.locator('form.op-form').count()).toBe(2)
    await Promise.all([
      page.waitForURL(`${origin}/ops/alerts`),
      page.locator('button.op-button').first().click(),
    ])
    expect(await page.locator('form.op-form').count(), await page.content()).toBe(1)
  })

  it('keeps hostile carrier text as text', async () => {
    await open('/ops/shipments/acme/EVIL1', 360, 'light')
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('pre.op-raw').first().textContent()).toContain(
      '<script>window.__pwned=1</script>',
    )
  })
})
