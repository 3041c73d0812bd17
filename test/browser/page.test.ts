/**
 * The tracking page in headless Chromium: every status in every locale through axe-core (light and dark), the
 * layout at 360 px and 1280 px (no horizontal scroll, no overlapping text, carrier details open), hostile carrier
 * text that must stay text, and screenshots in .artifacts/screenshots/.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderTrackingPage } from '../../src/ui/index.js'
import { ALL_STATUSES, LOCALES, NOW, shipmentFor } from '../ui/fixtures.js'
import {
  type Browser,
  ensureScreenshotDir,
  launch,
  layoutProblems,
  type Route,
  seriousViolations,
  serve,
} from './helpers.js'

const LOGO =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="120" height="32"%3E%3Crect width="120" height="32" rx="6" fill="%230b6e4f"/%3E%3C/svg%3E'
const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"'&\`${'W'.repeat(120)}`

const routes = new Map<string, Route>()
let browser: Browser
let server: Awaited<ReturnType<typeof serve>>
let page: Page

function key(status: string, locale: string, variant = 'plain'): string {
  return `/${variant}/${locale}/${status}.html`
}

beforeAll(async () => {
  for (const status of ALL_STATUSES) {
    for (const locale of LOCALES) {
      const brand = { name: 'Acme Outdoor', color: '#0b6e4f', logoUrl: LOGO }
      const html = renderTrackingPage(shipmentFor(status), {
        locale,
        now: NOW,
        brand,
        carrierName: 'Acme Express',
      })
      routes.set(key(status, locale), { type: 'text/html; charset=utf-8', body: html })
    }
    const hostile = renderTrackingPage(shipmentFor(status, { hostile: HOSTILE }), {
      locale: 'en',
      now: NOW,
      brand: { name: HOSTILE, color: '#ffd700' },
    })
    routes.set(key(status, 'en', 'hostile'), { type: 'text/html; charset=utf-8', body: hostile })
  }
  server = await serve(routes)
  browser = await launch()
  page = await browser.context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(url: string, width: number, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.setViewportSize({ width, height: 800 })
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
  await page.goto(`${server.origin}${url}`)
}

describe('the checks themselves', () => {
  it('flag horizontal scroll, overlapping text and an axe violation when there is one', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    await page.setContent(
      '<html><body><p style="width:900px">wide</p><p style="position:absolute;top:0;left:0">first text</p>' +
        '<p style="position:absolute;top:0;left:0">second text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>',
    )
    const problems = await layoutProblems(page)
    expect(problems.some((p) => p.startsWith('horizontal scroll'))).toBe(true)
    expect(problems).toContain('overlap: "first text" and "second text"')
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('image-alt')
  })
})

describe('axe-core: no serious or critical violations', () => {
  for (const locale of LOCALES) {
    it.each(ALL_STATUSES)(`%s in ${locale}, light and dark`, async (status) => {
      for (const scheme of ['light', 'dark'] as const) {
        await open(key(status, locale), 360, scheme)
        expect(await page.getAttribute('html', 'lang')).toBe(locale)
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true
        })
        expect(await seriousViolations(page), `${status} ${locale} ${scheme}`).toEqual([])
      }
    })
  }
})

describe('layout at 360 px and 1280 px', () => {
  const shots = ensureScreenshotDir()
  for (const width of [360, 1280]) {
    for (const locale of LOCALES) {
      it.each(ALL_STATUSES)(
        `%s in ${locale} at ${width} px: no horizontal scroll, nothing overlapping`,
        async (status) => {
          await open(key(status, locale), width)
          await page.evaluate(() => {
            for (const d of document.querySelectorAll('details')) d.open = true
          })
          expect(await layoutProblems(page)).toEqual([])
          if (locale === 'en' || status === 'delivery_attempted' || status === 'exception')
            await page.screenshot({
              path: path.join(shots, `page-${status}-${locale}-${width}.png`),
              fullPage: true,
            })
        },
      )
    }
  }

  it('dark scheme screenshots of a few statuses', async () => {
    for (const status of ['out_for_delivery', 'exception', 'returned_to_sender'] as const) {
      await open(key(status, 'en'), 360, 'dark')
      expect(await layoutProblems(page)).toEqual([])
      await page.screenshot({ path: path.join(shots, `page-${status}-en-360-dark.png`), fullPage: true })
    }
  })
})

describe('hostile carrier and brand text', () => {
  it.each(ALL_STATUSES)('%s: markup in carrier text, places, codes and brand stays text', async (status) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await open(key(status, 'en', 'hostile'), 360)
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true
    })
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('script').count()).toBe(0)
    expect(await page.locator('img[src=x]').count()).toBe(0)
    expect(await page.locator('body').textContent()).toContain('<script>window.__pwned=1</script>')
    expect(await layoutProblems(page)).toEqual([])
    expect(errors).toEqual([])
    page.removeAllListeners('pageerror')
  })
})
