/** Notification emails in headless Chromium: axe-core and the 360 px layout for every alert kind and language. */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALERT_KINDS, type Alert } from '../../src/model/index.js'
import { renderNotification } from '../../src/ui/index.js'
import { LOCALES } from '../ui/fixtures.js'
import { type Browser, ensureScreenshotDir, launch, layoutProblems, seriousViolations } from './helpers.js'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launch()
  page = await browser.context.newPage()
  await page.setViewportSize({ width: 360, height: 800 })
})

afterAll(async () => {
  await browser?.close()
})

function alert(kind: Alert['kind']): Alert {
  return {
    kind,
    severity: 'warning',
    dedupeKey: kind,
    carrier: 'acme',
    trackingNumber: '1Z999AA10123456784',
    raisedAt: '2024-03-26T13:00:00Z',
    estimatedDelivery: {
      from: '2024-03-27T09:00:00-05:00',
      to: '2024-03-27T12:00:00-05:00',
      precision: 'minute',
    },
    hoursSinceLastEvent: 52,
  }
}

describe('notification email HTML', () => {
  for (const locale of LOCALES) {
    it(`every alert kind in ${locale}: no serious axe violation, fits 360 px`, async () => {
      for (const kind of ALERT_KINDS) {
        const { html } = renderNotification(alert(kind), {
          channel: 'email',
          locale,
          link: 'https://shop.example/track/1Z999AA10123456784',
          brand: { name: 'Acme Outdoor', color: '#ffd700' },
        })
        await page.setContent(html as string)
        expect(await seriousViolations(page), `${kind} ${locale}`).toEqual([])
        expect(await layoutProblems(page), `${kind} ${locale}`).toEqual([])
        if (kind === 'delivery_attempted')
          await page.screenshot({
            path: path.join(ensureScreenshotDir(), `email-${kind}-${locale}-360.png`),
            fullPage: true,
          })
      }
    })
  }
})
