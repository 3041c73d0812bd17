/**
 * Shared browser-test plumbing: one headless Chromium per file with a fresh profile, a loopback server for pages
 * and shipment JSON, axe-core injection, the `<waybill-tracking>` bundle built with esbuild for the browser.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const screenshotDir = path.join(repoRoot, '.artifacts/screenshots')
export const CHROMIUM = '/usr/bin/chromium'

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

export async function launch(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'waybill-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // the page's CSP forbids scripts; axe is injected by the test harness only
    bypassCSP: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // the fresh --user-data-dir is the first argument of launchPersistentContext
    ],
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export interface Route {
  status?: number
  type: string
  body: string
}

/** A loopback server on 127.0.0.1:0 serving a mutable route table; unknown paths are 404. */
export async function serve(routes: Map<string, Route>): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res
      .writeHead(route.status ?? 200, { 'content-type': route.type, 'cache-control': 'no-store' })
      .end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const AXE = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown; html: string }[]
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page and returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE })
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }
    ).axe
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    })
    return result.violations
  })) as AxeViolation[]
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }))
}

/**
 * Layout problems on the current page: horizontal scrolling, and pieces of visible text that overlap each other
 * (text nodes whose boxes intersect, skipping visually hidden screen-reader text).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1)
      problems.push(`horizontal scroll: ${doc.scrollWidth} > ${doc.clientWidth}`)
    const boxes: { text: string; rect: DOMRect }[] = []
    const roots: (Document | ShadowRoot)[] = [document]
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot)
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement
        if (!parent || !node.textContent?.trim() || parent.closest('.wb-sr,style,script,head')) continue
        // text inside a closed <details> is not rendered (Chromium still reports boxes for it)
        const details = parent.closest('details')
        if (details && !details.open && !parent.closest('summary')) continue
        if (!parent.checkVisibility()) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const rect of range.getClientRects()) {
          if (rect.width < 1 || rect.height < 1) continue
          if (rect.right > doc.clientWidth + 1)
            problems.push(`text past the right edge: "${node.textContent.trim().slice(0, 40)}"`)
          boxes.push({ text: node.textContent.trim().slice(0, 40), rect })
        }
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]] as [(typeof boxes)[number], (typeof boxes)[number]]
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left)
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top)
        if (x > 2 && y > 2) problems.push(`overlap: "${a.text}" and "${b.text}"`)
      }
    }
    return problems
  })
}

/** Builds `src/ui/element.ts` for the browser as the project's bundle would (ESM, Node built-ins external). */
export async function buildElementBundle(): Promise<string> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'waybill-bundle-'))
  const result = await build({
    entryPoints: [path.join(repoRoot, 'src/ui/element.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir,
    external: ['node:*'],
  })
  rmSync(outdir, { recursive: true, force: true })
  const file = result.outputFiles.find((f) => f.path.endsWith('.js'))
  if (!file) throw new Error('esbuild produced no JavaScript')
  return file.text
}

export function ensureScreenshotDir(): string {
  mkdirSync(screenshotDir, { recursive: true })
  return screenshotDir
}

export const baselineDir = path.join(repoRoot, 'test/browser/baselines')

/** How two PNGs of the same size differ: the share of pixels where a colour channel moved by more than `channel`. */
export interface PixelDifference {
  sameSize: boolean
  size: string
  ratio: number
}

/**
 * Compares two PNG screenshots in the browser itself (decoded by Chromium into a canvas, so no image library is
 * needed). Anti-aliasing noise stays under `channel`; a moved block, a new line or another colour does not.
 */
export async function pixelDifference(
  page: Page,
  a: Buffer,
  b: Buffer,
  channel = 64,
): Promise<PixelDifference> {
  return page.evaluate(
    async ([first, second, limit]) => {
      const decode = async (base64: string) => {
        const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob()
        const bitmap = await createImageBitmap(blob)
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
        const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
        context.drawImage(bitmap, 0, 0)
        return context.getImageData(0, 0, bitmap.width, bitmap.height)
      }
      const [x, y] = await Promise.all([decode(first as string), decode(second as string)])
      const size = `${x.width}x${x.height} vs ${y.width}x${y.height}`
      if (x.width !== y.width || x.height !== y.height) return { sameSize: false, size, ratio: 1 }
      let differing = 0
      for (let i = 0; i < x.data.length; i += 4) {
        const d = Math.max(
          Math.abs((x.data[i] as number) - (y.data[i] as number)),
          Math.abs((x.data[i + 1] as number) - (y.data[i + 1] as number)),
          Math.abs((x.data[i + 2] as number) - (y.data[i + 2] as number)),
        )
        if (d > (limit as number)) differing++
      }
      return { sameSize: true, size, ratio: differing / (x.width * x.height) }
    },
    [a.toString('base64'), b.toString('base64'), channel] as const,
  )
}
