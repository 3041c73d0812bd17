/**
 * What a customer sees, checked as pictures and as layout: the tracking page and `<waybill-tracking>` at 360 and
 * 1280 px in light and dark are compared with the baseline PNGs in test/browser/baselines/ (a tolerance absorbs
 * anti-aliasing, not a moved block); the estimate is above the fold of a small phone, nothing scrolls sideways at
 * 360 px, and the lead texts reach 4.5:1 against what is really behind them.
 *
 * After an intended change of the page, look at the new pictures in .artifacts/screenshots/ and then refresh the
 * baselines: `UPDATE_BASELINES=1 npm run test:browser -- test/browser/screenshots.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Shipment } from '../../src/model/index.js'
import { describe as describeShipment } from '../../src/tracker/describe.js'
import { contrastRatio, renderTrackingPage } from '../../src/ui/index.js'
import { customsShipment, LOCALES, NOW, shipmentFor } from '../ui/fixtures.js'
import {
  type Browser,
  baselineDir,
  buildElementBundle,
  ensureScreenshotDir,
  launch,
  layoutProblems,
  pixelDifference,
  type Route,
  seriousViolations,
  serve,
} from './helpers.js'

/** At most this share of pixels may differ from the baseline (a changed word or a moved line is far more). */
const TOLERANCE = 0.002
const UPDATE = process.env.UPDATE_BASELINES === '1'
const WIDTHS = [360, 1280] as const
const SCHEMES = ['light', 'dark'] as const

const PAGES: Record<string, { shipment: () => Shipment; locale: string }> = {
  'in-transit-en': { shipment: () => shipmentFor('in_transit'), locale: 'en-US' },
  'customs-en': { shipment: customsShipment, locale: 'en-US' },
  'delivered-de': { shipment: () => shipmentFor('delivered'), locale: 'de-DE' },
}

const routes = new Map<string, Route>()
let browser: Browser
let server: Awaited<ReturnType<typeof serve>>
let page: Page
let canvas: Page

const html = (body: string): Route => ({ type: 'text/html; charset=utf-8', body })

beforeAll(async () => {
  for (const [name, { shipment, locale }] of Object.entries(PAGES))
    routes.set(`/${name}.html`, html(renderTrackingPage(shipment(), { locale, now: NOW })))
  for (const locale of LOCALES)
    for (const status of ['pre_transit', 'in_transit', 'out_for_delivery', 'exception'] as const)
      routes.set(
        `/fold/${locale}/${status}.html`,
        html(renderTrackingPage(shipmentFor(status), { locale, now: NOW })),
      )
  routes.set('/waybill-tracking.js', { type: 'text/javascript', body: await buildElementBundle() })
  // a shop's order page: its own background and font, light only unless it opts into dark
  const shop = (head: string) =>
    html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Order 1001</title><style>body{margin:0;background:#fbf8f1;font-family:"Liberation Serif",serif}main{padding:16px}</style>${head}</head><body><main><h1>Your order</h1><waybill-tracking id="w"></waybill-tracking></main><script type="module" src="/waybill-tracking.js"></script></body></html>`,
    )
  routes.set('/element-light.html', shop(''))
  routes.set(
    '/element-dark.html',
    shop(
      '<meta name="color-scheme" content="light dark"><style>@media (prefers-color-scheme:dark){body{background:#0d0d0d;color:#eee}}</style>',
    ),
  )
  server = await serve(routes)
  browser = await launch()
  page = await browser.context.newPage()
  canvas = await browser.context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(url: string, width: number, height: number, scheme: 'light' | 'dark'): Promise<void> {
  await page.setViewportSize({ width, height })
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
  await page.goto(`${server.origin}${url}`)
}

/** Shows the element with the in-transit shipment and a fixed "now", and waits for it to render. */
async function showElement(): Promise<void> {
  await page.waitForFunction(() => customElements.get('waybill-tracking') !== undefined)
  await page.evaluate(
    ([shipment, now]) => {
      // a fixed zone: the element shows the reader's own, which would be the test machine's
      Object.assign(document.querySelector('#w') as object, {
        shipment,
        now: new Date(now as string),
        timeZone: 'America/Chicago',
      })
    },
    [shipmentFor('in_transit'), NOW.toISOString()] as const,
  )
  await page.waitForFunction(() => document.querySelector('#w')?.shadowRoot?.querySelector('.wb-title'))
}

/** Compares the viewport with its baseline; writes the baseline when asked to (or the picture, to look at). */
async function matchesBaseline(name: string): Promise<void> {
  const shot = await page.screenshot({ animations: 'disabled' })
  writeFileSync(path.join(ensureScreenshotDir(), `baseline-${name}.png`), shot)
  const file = path.join(baselineDir, `${name}.png`)
  if (UPDATE) {
    mkdirSync(baselineDir, { recursive: true })
    writeFileSync(file, shot)
    return
  }
  expect(existsSync(file), `no baseline ${file}: run with UPDATE_BASELINES=1 and look at it`).toBe(true)
  const diff = await pixelDifference(canvas, shot, readFileSync(file))
  expect(diff.sameSize, diff.size).toBe(true)
  expect(diff.ratio, `${name}: ${(diff.ratio * 100).toFixed(2)} % of pixels differ`).toBeLessThanOrEqual(
    TOLERANCE,
  )
}

describe('the comparison itself', () => {
  it('passes a picture against itself and fails one with a line of text moved', async () => {
    await page.setViewportSize({ width: 360, height: 200 })
    await page.setContent('<p style="margin:20px;font:16px sans-serif">Arrives Wednesday, March 27</p>')
    const before = await page.screenshot()
    expect((await pixelDifference(canvas, before, before)).ratio).toBe(0)
    await page.setContent('<p style="margin:44px 20px;font:16px sans-serif">Arrives Wednesday, March 27</p>')
    const after = await page.screenshot()
    expect((await pixelDifference(canvas, before, after)).ratio).toBeGreaterThan(TOLERANCE)
  })
})

describe('tracking page screenshots match their baselines', () => {
  for (const name of Object.keys(PAGES))
    for (const width of WIDTHS)
      for (const scheme of SCHEMES)
        it(`${name} at ${width} px, ${scheme}`, async () => {
          await open(`/${name}.html`, width, 800, scheme)
          expect(await layoutProblems(page)).toEqual([])
          expect(await seriousViolations(page)).toEqual([])
          await matchesBaseline(`page-${name}-${width}-${scheme}`)
        })
})

describe('<waybill-tracking> screenshots match their baselines', () => {
  for (const width of WIDTHS)
    for (const scheme of SCHEMES)
      it(`in a shop page at ${width} px, ${scheme} system`, async () => {
        await open(`/element-${scheme}.html`, width, 800, scheme)
        await showElement()
        expect(await layoutProblems(page)).toEqual([])
        expect(await seriousViolations(page)).toEqual([])
        await matchesBaseline(`element-${width}-${scheme}`)
      })
})

describe('the estimate is above the fold of a 360 × 640 phone, and nothing scrolls sideways', () => {
  for (const locale of LOCALES)
    it.each(['pre_transit', 'in_transit', 'out_for_delivery', 'exception'] as const)(
      `%s in ${locale}`,
      async (status) => {
        await open(`/fold/${locale}/${status}.html`, 360, 640, 'light')
        const expected = describeShipment(shipmentFor(status), {
          locale,
          now: NOW,
          timeZone: 'America/Chicago',
        })
        expect(expected.arrives).toBeTruthy()
        const title = await page.evaluate(() => {
          const h1 = document.querySelector('h1') as HTMLElement
          const rect = h1.getBoundingClientRect()
          return { text: h1.textContent, top: rect.top, bottom: rect.bottom, scroll: window.scrollY }
        })
        expect(title.text).toBe(expected.arrives)
        expect(title.bottom).toBeLessThanOrEqual(640 / 2)
        expect(await layoutProblems(page)).toEqual([])
      },
    )
})

/** `rgb(17, 20, 24)` → `#111418` (alpha ignored: only opaque colours are passed). */
function hex(rgb: string): string {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
  return `#${[r, g, b]
    .map((n) =>
      Math.round(n ?? 0)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

describe('the lead texts reach 4.5:1 against what is behind them', () => {
  for (const scheme of SCHEMES)
    it(`page and element, ${scheme}`, async () => {
      const pairs: { where: string; fg: string; bg: string }[] = []
      const measure = (selector: string, host: boolean) =>
        page.evaluate(
          ([sel, inShadow]) => {
            const root = inShadow ? (document.querySelector('#w')?.shadowRoot as ShadowRoot) : document
            return [...root.querySelectorAll(sel as string)].map((el) => {
              let bg = 'rgba(0, 0, 0, 0)'
              // the nearest painted background, crossing out of the shadow root into the host page
              for (let node: Element | null = el; node; ) {
                const color = getComputedStyle(node).backgroundColor
                if (!/rgba\(0, 0, 0, 0\)|transparent/.test(color)) {
                  bg = color
                  break
                }
                node =
                  node.parentElement ??
                  ((node.getRootNode() as ShadowRoot).host as Element | undefined) ??
                  null
              }
              if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)'
              return { where: `${sel} ${el.textContent?.slice(0, 30)}`, fg: getComputedStyle(el).color, bg }
            })
          },
          [selector, host] as const,
        )
      const leads = '.wb-title, .wb-note, .wb-badge, .wb-updated, .wb-lede, .wb-eyebrow, .wb-step, .wb-where'
      for (const name of Object.keys(PAGES)) {
        await open(`/${name}.html`, 360, 800, scheme)
        pairs.push(...(await measure(leads, false)))
      }
      await open(`/element-${scheme}.html`, 360, 800, scheme)
      await showElement()
      pairs.push(...(await measure(leads, true)))
      expect(pairs.length).toBeGreaterThan(30)
      const low = pairs
        .map((p) => ({ ...p, ratio: contrastRatio(hex(p.fg), hex(p.bg)) }))
        .filter((p) => p.ratio < 4.5)
      expect(low).toEqual([])
    })
})
