/**
 * `<waybill-tracking>` in headless Chromium, loaded from the browser bundle of `src/ui/element.ts`: shipment as a
 * property (also before the element is defined, as frameworks do), from a `src` URL on a loopback server,
 * re-rendering on updates, errors, hostile text, axe-core and layout.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shipmentFor } from '../ui/fixtures.js'
import {
  type Browser,
  buildElementBundle,
  ensureScreenshotDir,
  launch,
  layoutProblems,
  type Route,
  seriousViolations,
  serve,
} from './helpers.js'

const routes = new Map<string, Route>()
let bundle: string
let browser: Browser
let server: Awaited<ReturnType<typeof serve>>
let page: Page

function host(body: string): Route {
  return {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Order 1001</title></head><body><main><h1>Your order</h1>${body}</main></body></html>`,
  }
}

const json = (value: unknown): Route => ({ type: 'application/json', body: JSON.stringify(value) })
const SCRIPT = '<script type="module" src="/waybill-tracking.js"></script>'

beforeAll(async () => {
  bundle = await buildElementBundle()
  routes.set('/waybill-tracking.js', { type: 'text/javascript', body: bundle })
  routes.set('/shipments/ofd.json', json(shipmentFor('out_for_delivery')))
  routes.set('/shipments/live.json', json(shipmentFor('in_transit')))
  routes.set(
    '/shipments/hostile.json',
    json(shipmentFor('exception', { hostile: '<img src=x onerror="window.__pwned=1">' })),
  )
  routes.set('/shipments/broken.json', { type: 'application/json', body: '{"events": "nope"' })
  routes.set('/property.html', host(`<waybill-tracking id="w"></waybill-tracking>${SCRIPT}`))
  routes.set(
    '/src.html',
    host(`<waybill-tracking id="w" src="/shipments/ofd.json" locale="de"></waybill-tracking>${SCRIPT}`),
  )
  routes.set(
    '/missing.html',
    host(`<waybill-tracking id="w" src="/shipments/none.json" locale="fr"></waybill-tracking>${SCRIPT}`),
  )
  routes.set(
    '/broken.html',
    host(`<waybill-tracking id="w" src="/shipments/broken.json"></waybill-tracking>${SCRIPT}`),
  )
  routes.set(
    '/hostile.html',
    host(`<waybill-tracking id="w" src="/shipments/hostile.json"></waybill-tracking>${SCRIPT}`),
  )
  routes.set(
    '/live.html',
    host(`<waybill-tracking id="w" src="/shipments/live.json"></waybill-tracking>${SCRIPT}`),
  )
  // a shop page with its own background, font and padding: the element must blend in, not paint a page
  const shop = (body: string, head = '') => ({
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Order 1001</title><style>body{margin:0;background:#f5efe0;font-family:Georgia,serif}main{padding:24px}.narrow{width:340px}</style>${head}</head><body><main><h1>Your order</h1>${body}</main>${SCRIPT}</body></html>`,
  })
  routes.set('/one.html', shop('<waybill-tracking id="w" src="/shipments/ofd.json"></waybill-tracking>'))
  routes.set(
    '/two.html',
    shop(
      '<waybill-tracking id="w" src="/shipments/ofd.json"></waybill-tracking><waybill-tracking id="w2" src="/shipments/ofd.json" locale="fr"></waybill-tracking>',
    ),
  )
  routes.set(
    '/embedded.html',
    shop('<waybill-tracking id="w" embedded src="/shipments/ofd.json"></waybill-tracking>'),
  )
  routes.set(
    '/narrow.html',
    shop('<div class="narrow"><waybill-tracking id="w" src="/shipments/ofd.json"></waybill-tracking></div>'),
  )
  routes.set(
    '/dark-host.html',
    shop(
      '<waybill-tracking id="w" src="/shipments/ofd.json"></waybill-tracking>',
      '<meta name="color-scheme" content="light dark"><style>@media (prefers-color-scheme:dark){body{background:#101010;color:#eee}}</style>',
    ),
  )
  server = await serve(routes)
  browser = await launch()
  page = await browser.context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shadowText(selector: string): Promise<string | null> {
  return page.evaluate(
    (sel) => document.querySelector('#w')?.shadowRoot?.querySelector(sel)?.textContent ?? null,
    selector,
  )
}

async function waitForShadow(selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, t]) =>
      (document.querySelector('#w')?.shadowRoot?.querySelector(sel as string)?.textContent ?? '').includes(
        t as string,
      ),
    [selector, text],
    { timeout: 10_000 },
  )
}

describe('<waybill-tracking>', () => {
  it('bundle of src/ui/element.ts imports no Node built-in (guards against node:crypto reaching the browser)', () => {
    expect(bundle).not.toMatch(/from\s*["']node:/)
    expect(bundle).not.toMatch(/import\(["']node:/)
  })

  it('renders a shipment set as a property before and after the element is defined, and re-renders on update', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`${server.origin}/property.html`)
    // set before the bundle defines the element (React/Vue/Svelte can do this): the setter must pick it up
    const early = shipmentFor('out_for_delivery')
    await page.evaluate((s) => {
      Object.assign(document.querySelector('#w') as object, {
        shipment: s,
        now: new Date('2024-03-26T14:00:00Z'),
      })
    }, early)
    await page.waitForFunction(() => customElements.get('waybill-tracking') !== undefined)
    await waitForShadow('.wb-lede', 'out for delivery')
    // the estimate leads: a date, the window, and "tomorrow" only after them
    expect(await shadowText('h2')).toMatch(/^Arrives Wednesday, March 27, .*· tomorrow$/)
    expect(
      await page.evaluate(() =>
        document.querySelector('#w')?.shadowRoot?.querySelector('.wb')?.getAttribute('lang'),
      ),
    ).toBe('en')

    const events: string[] = []
    await page.exposeFunction('recordRender', (status: string) => events.push(status))
    await page.evaluate(() =>
      document.querySelector('#w')?.addEventListener('waybill-render', (e) => {
        ;(window as unknown as { recordRender(s: string): void }).recordRender(
          (e as CustomEvent).detail.shipment.status,
        )
      }),
    )
    await page.evaluate((s) => {
      ;(document.querySelector('#w') as unknown as { shipment: unknown }).shipment = s
    }, shipmentFor('delivered'))
    await waitForShadow('h2', 'has been delivered')
    await page.evaluate(() => document.querySelector('#w')?.setAttribute('locale', 'es-MX'))
    await waitForShadow('h2', 'entregado')
    expect(
      await page.evaluate(() =>
        document.querySelector('#w')?.shadowRoot?.querySelector('.wb')?.getAttribute('lang'),
      ),
    ).toBe('es-MX')
    expect(events).toContain('delivered')
    expect(await seriousViolations(page)).toEqual([])
    expect(await layoutProblems(page)).toEqual([])
    await page.screenshot({
      path: path.join(ensureScreenshotDir(), 'element-property-360.png'),
      fullPage: true,
    })
  })

  it('loads a src URL from the loopback server, and fetches again when src changes or reload() is called', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.origin}/src.html`)
    await waitForShadow('h2', 'Zustellung')
    expect(await shadowText('.wb-eyebrow')).toContain('1ZUIFIXTURE0001')
    await page.evaluate(() => document.querySelector('#w')?.setAttribute('src', '/shipments/live.json'))
    await waitForShadow('h2', 'Paketzentrum angekommen')
    routes.set('/shipments/live.json', json(shipmentFor('delivery_attempted')))
    await page.evaluate(() =>
      (document.querySelector('#w') as unknown as { reload(): Promise<void> }).reload(),
    )
    await waitForShadow('h2', 'Zusteller')
    routes.set('/shipments/live.json', json(shipmentFor('in_transit')))
    expect(await seriousViolations(page)).toEqual([])
    expect(await layoutProblems(page)).toEqual([])
    await page.screenshot({ path: path.join(ensureScreenshotDir(), 'element-src-1280.png'), fullPage: true })
  })

  it('shows a localized alert and fires waybill-error for a missing or malformed src', async () => {
    await page.goto(`${server.origin}/missing.html`)
    await waitForShadow('[role=alert]', 'Impossible de charger')
    await page.goto(`${server.origin}/broken.html`)
    await waitForShadow('[role=alert]', "couldn't load")
    expect(await seriousViolations(page)).toEqual([])
  })

  it('keeps hostile carrier text as text inside the shadow root', async () => {
    await page.goto(`${server.origin}/hostile.html`)
    await waitForShadow('h2', 'problem')
    await page.evaluate(() => {
      for (const d of document.querySelector('#w')?.shadowRoot?.querySelectorAll('details') ?? [])
        d.open = true
    })
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(
      await page.evaluate(
        () => document.querySelector('#w')?.shadowRoot?.querySelectorAll('img[src=x]').length,
      ),
    ).toBe(0)
    expect(await shadowText('.wb-raw')).toContain('<img src=x onerror=')
  })

  it('blends into its host: no background of its own, no outer padding, the host font (regression: it painted a page)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(`${server.origin}/one.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    const look = await page.evaluate(() => {
      const el = document.querySelector('#w') as HTMLElement
      const root = el.shadowRoot as ShadowRoot
      const wb = root.querySelector('.wb') as HTMLElement
      const main = root.querySelector('.wb-main') as HTMLElement
      const first = (root.querySelector('.wb-eyebrow') as HTMLElement).getBoundingClientRect()
      return {
        background: getComputedStyle(wb).backgroundColor,
        padding: getComputedStyle(main).padding,
        font: getComputedStyle(wb).fontFamily,
        hostLeft: el.getBoundingClientRect().left,
        textLeft: first.left,
        hostTop: el.getBoundingClientRect().top,
        textTop: first.top,
      }
    })
    expect(look.background).toBe('rgba(0, 0, 0, 0)')
    expect(look.padding).toBe('0px')
    expect(look.font).toBe('Georgia, serif')
    expect(look.textLeft).toBe(look.hostLeft)
    expect(look.textTop - look.hostTop).toBeLessThan(2)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(ensureScreenshotDir(), 'element-host-1280.png'), fullPage: true })
  })

  const landmarks = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('waybill-tracking')].map(
        (el) =>
          el.shadowRoot?.querySelectorAll('section, [role=region], header, footer, main, nav, aside')
            .length ?? -1,
      ),
    )

  it('is a region landmark alone, and none when two are on a page or when embedded (regression: repeated landmarks)', async () => {
    await page.goto(`${server.origin}/one.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    expect(await landmarks()).toEqual([1])
    expect(
      await page.evaluate(() =>
        document.querySelector('#w')?.shadowRoot?.querySelector('section')?.getAttribute('aria-labelledby'),
      ),
    ).toBe('wb-status')

    await page.goto(`${server.origin}/two.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    await page.waitForFunction(() => document.querySelector('#w2')?.shadowRoot?.querySelector('.wb-eyebrow'))
    expect(await landmarks()).toEqual([0, 0])
    expect(await seriousViolations(page)).toEqual([])
    // one removed: the other is alone again, and a landmark again
    await page.evaluate(() => document.querySelector('#w2')?.remove())
    await page.waitForFunction(() => document.querySelector('#w')?.shadowRoot?.querySelector('section'))
    expect(await landmarks()).toEqual([1])

    await page.goto(`${server.origin}/embedded.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    expect(await landmarks()).toEqual([0])
    expect(await seriousViolations(page)).toEqual([])
  })

  it('lays out by its own width: steps stack in a 340 px column of a wide window', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.origin}/narrow.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    const tops = await page.evaluate(() =>
      [...(document.querySelector('#w')?.shadowRoot?.querySelectorAll('.wb-step') ?? [])].map((li) =>
        Math.round(li.getBoundingClientRect().top),
      ),
    )
    expect(tops).toHaveLength(5)
    expect(new Set(tops).size).toBe(5)
    expect(await layoutProblems(page)).toEqual([])
  })

  it("follows the host's colour scheme: light on a light-only page in a dark system, dark where the host opts in", async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const textColor = () =>
      page.evaluate(() => {
        const wb = document.querySelector('#w')?.shadowRoot?.querySelector('.wb') as HTMLElement
        return getComputedStyle(wb).color
      })
    await page.goto(`${server.origin}/one.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    expect(await textColor()).toBe('rgb(17, 20, 24)')
    expect(await seriousViolations(page)).toEqual([])
    await page.goto(`${server.origin}/dark-host.html`)
    await waitForShadow('.wb-eyebrow', '1ZUIFIXTURE0001')
    expect(await textColor()).toBe('rgb(232, 234, 237)')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({
      path: path.join(ensureScreenshotDir(), 'element-dark-host-1280.png'),
      fullPage: true,
    })
    await page.emulateMedia({ colorScheme: 'light' })
  })
})
