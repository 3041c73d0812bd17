/**
 * `<waybill-tracking>` ships true metadata: custom-elements.json names every attribute the element observes, every
 * property and method of `WaybillTrackingElement`, the events it fires and the CSS properties a host may set; the
 * browser entry types `document.querySelector('waybill-tracking')` (HTMLElementTagNameMap) and package.json points
 * the browser entry's types at the file the browser build emits.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { WaybillTrackingElement } from '../../src/ui/element.js'
import { brandPalette } from '../../src/ui/index.js'
import { TRACKING_ATTRIBUTES } from '../../src/ui/register.js'
import { trackingCss } from '../../src/ui/styles.js'

const root = path.resolve(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

interface Manifest {
  modules: {
    path: string
    declarations: {
      name: string
      tagName: string
      attributes: { name: string }[]
      members: { kind: string; name: string }[]
      events: { name: string }[]
      cssProperties: { name: string }[]
    }[]
    exports: { kind: string; name: string; declaration: { name: string; module: string } }[]
  }[]
}

const manifest = JSON.parse(read('custom-elements.json')) as Manifest
const module = manifest.modules[0]
const element = module?.declarations[0]

/** The members `WaybillTrackingElement` declares itself (not those inherited from HTMLElement). */
function interfaceMembers(): string[] {
  const file = path.join(root, 'src/ui/register.ts')
  const source = ts.createSourceFile(file, read('src/ui/register.ts'), ts.ScriptTarget.ES2022, true)
  const names: string[] = []
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'WaybillTrackingElement')
      for (const member of node.members)
        if (member.name && ts.isIdentifier(member.name)) names.push(member.name.text)
  })
  return names
}

describe('custom-elements.json', () => {
  it('describes the element the browser entry defines, by the name its types use', () => {
    expect(module?.path).toBe('dist/browser/waybill-tracking.js')
    expect(element).toMatchObject({ name: 'WaybillTrackingElement', tagName: 'waybill-tracking' })
    expect(module?.exports[0]).toMatchObject({
      kind: 'custom-element-definition',
      name: 'waybill-tracking',
      declaration: { name: 'WaybillTrackingElement', module: 'dist/browser/waybill-tracking.js' },
    })
    expect(JSON.parse(read('package.json')).customElements).toBe('custom-elements.json')
  })

  it('lists exactly the attributes the element observes', () => {
    expect(element?.attributes.map((a) => a.name).sort()).toEqual([...TRACKING_ATTRIBUTES].sort())
  })

  it('lists exactly the properties and methods of WaybillTrackingElement', () => {
    const members = interfaceMembers()
    expect(members.length).toBeGreaterThan(5)
    expect(element?.members.map((m) => m.name).sort()).toEqual(members.sort())
  })

  it('lists the events the element fires', () => {
    const fired = [...read('src/ui/register.ts').matchAll(/new CustomEvent\('([a-z-]+)'/g)].map((m) => m[1])
    expect(element?.events.map((e) => e.name).sort()).toEqual([...new Set(fired)].sort())
  })

  it("lists the CSS properties the element's stylesheet declares on :host", () => {
    const css = trackingCss(':host', brandPalette(undefined))
    const host = /:host\{([^}]*)\}/.exec(css)?.[1] ?? ''
    const declared = [...host.matchAll(/(--wb-[a-z-]+):/g)].map((m) => m[1])
    expect(declared.length).toBeGreaterThan(5)
    expect(element?.cssProperties.map((p) => p.name).sort()).toEqual(declared.sort())
  })
})

describe('types for the browser entry', () => {
  it('package.json points the browser entry at the types the browser build emits', () => {
    const pkg = JSON.parse(read('package.json'))
    expect(pkg.exports['./browser/waybill-tracking.js']).toEqual({
      types: './dist/browser/waybill-tracking.d.ts',
      default: './dist/browser/waybill-tracking.js',
    })
    const config = read('tsup.browser.config.ts')
    expect(config).toMatch(/'waybill-tracking': 'src\/ui\/element\.ts'/)
    expect(config).toMatch(/outDir: 'dist\/browser'/)
    expect(config).toMatch(/dts: true/)
  })

  it('types the tag: querySelector and createElement give a WaybillTrackingElement (checked by tsc)', () => {
    // never called: `tsc --noEmit` checks these lines, which fail to compile without the HTMLElementTagNameMap entry
    const typed = (doc: Document) => {
      expectTypeOf(doc.querySelector('waybill-tracking')).toEqualTypeOf<WaybillTrackingElement | null>()
      expectTypeOf(doc.createElement('waybill-tracking')).toEqualTypeOf<WaybillTrackingElement>()
      expectTypeOf(doc.createElement('waybill-tracking').shipment).toEqualTypeOf<
        WaybillTrackingElement['shipment']
      >()
    }
    expect(typeof typed).toBe('function')
    expect(read('src/ui/element.ts')).toMatch(
      /interface HTMLElementTagNameMap \{\s*'waybill-tracking': WaybillTrackingElement/,
    )
  })
})
