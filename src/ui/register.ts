/**
 * `<waybill-tracking>`: the tracking view as a framework-free custom element with a shadow root. The class is
 * created when {@link defineTrackingElement} is called, so importing this module on a server (no DOM) is safe.
 */
import { ConfigError, ValidationError } from '../errors/index.js'
import type { Shipment } from '../model/core.js'
import { type Brand, checkShipment, type TrackingViewOptions, trackingView } from './content.js'
import { brandPalette } from './contrast.js'
import { escapeHtml as e } from './escape.js'
import { uiStrings } from './strings.js'
import { trackingCss } from './styles.js'

export interface DefineTrackingElementOptions {
  /** Tag name to register. @default 'waybill-tracking' */
  name?: string
  /** Registry to define it in. @default globalThis.customElements */
  registry?: CustomElementRegistry
}

/** The element's public surface (properties; every one re-renders when set). */
export interface WaybillTrackingElement extends HTMLElement {
  /** The shipment to show (a `Shipment` object, or its JSON text). Assign a new object to re-render. */
  shipment: Shipment | undefined
  /** URL of a shipment JSON document to fetch (attribute `src`); fetched again when it changes. */
  src: string | null
  locale: string | undefined
  timeZone: string | undefined
  brand: Brand | undefined
  carrierName: string | undefined
  /** Fixed "now" for "today"/"tomorrow" (tests, previews). @default the current time */
  now: Date | undefined
  /** Renders again from the current properties (after mutating the shipment object in place). */
  refresh(): void
  /** Fetches `src` again. Resolves when the new shipment is shown (or the error is). */
  reload(): Promise<void>
}

/** The reader's own zone: in a browser, the recipient is the person looking at the widget. */
function browserZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined
}

const PROPS = ['shipment', 'locale', 'timeZone', 'brand', 'carrierName', 'now'] as const
/** The attributes the element observes (and custom-elements.json documents). */
export const TRACKING_ATTRIBUTES: readonly string[] = [
  'src',
  'shipment',
  'locale',
  'time-zone',
  'brand-name',
  'brand-color',
  'brand-logo',
  'carrier-name',
  'heading-level',
  'embedded',
]

/**
 * Defines `<waybill-tracking>` (once; a second call returns the class already defined).
 * Attributes: `src`, `shipment` (JSON text), `locale`, `time-zone`, `brand-name`, `brand-color`, `brand-logo`,
 * `carrier-name`, `heading-level` (default 2), `embedded` (never a landmark). Properties override attributes.
 * The element is a `region` landmark only when it is the one tracking element on the page and not `embedded`. Events: `waybill-render` after
 * each render, `waybill-error` (detail: the error) when loading or rendering fails.
 * @example defineTrackingElement(); document.querySelector('waybill-tracking').shipment = shipment
 */
export function defineTrackingElement(options: DefineTrackingElementOptions = {}): CustomElementConstructor {
  const name = options.name ?? 'waybill-tracking'
  const registry =
    options.registry ?? (globalThis as { customElements?: CustomElementRegistry }).customElements
  if (!registry || typeof HTMLElement === 'undefined')
    throw new ConfigError('defineTrackingElement needs a DOM with custom elements (call it in a browser)')
  const existing = registry.get(name)
  if (existing) return existing

  class TrackingElement extends HTMLElement {
    static observedAttributes = [...TRACKING_ATTRIBUTES]
    #props: Partial<Record<(typeof PROPS)[number], unknown>> = {}
    #fetched: Shipment | undefined
    #state: 'idle' | 'loading' | 'error' = 'idle'
    #controller: AbortController | undefined
    #scheduled = false
    #root: ShadowRoot

    constructor() {
      super()
      this.#root = this.attachShadow({ mode: 'open' })
    }

    connectedCallback(): void {
      // a framework may have set properties before the element was defined: re-apply them through the setters
      for (const prop of PROPS) {
        if (Object.hasOwn(this, prop)) {
          const value = (this as Record<string, unknown>)[prop]
          delete (this as Record<string, unknown>)[prop]
          ;(this as Record<string, unknown>)[prop] = value
        }
      }
      if (this.getAttribute('src') && !this.#fetched && this.#state === 'idle') void this.reload()
      this.#schedule()
      this.#scheduleOthers()
    }

    disconnectedCallback(): void {
      this.#controller?.abort()
      this.#scheduleOthers()
    }

    /** The others of this tag on the page render again: whether each is a landmark depends on how many there are. */
    #scheduleOthers(): void {
      for (const other of this.ownerDocument.querySelectorAll(this.localName))
        if (other !== this && other instanceof TrackingElement) other.#schedule()
    }

    /** A landmark only when alone on the page and not `embedded` (two regions with one name would repeat). */
    #isLandmark(): boolean {
      if (this.hasAttribute('embedded')) return false
      return this.ownerDocument.querySelectorAll(this.localName).length <= 1
    }

    attributeChangedCallback(attribute: string, before: string | null, after: string | null): void {
      if (before === after) return
      if (attribute === 'src') {
        this.#fetched = undefined
        if (this.isConnected) void this.reload()
      }
      this.#schedule()
    }

    #set(prop: (typeof PROPS)[number], value: unknown): void {
      this.#props[prop] = value
      this.#schedule()
    }
    get shipment(): Shipment | undefined {
      return (this.#props.shipment as Shipment | undefined) ?? this.#fetched
    }
    set shipment(value: Shipment | string | undefined) {
      this.#set('shipment', value)
    }
    get locale(): string | undefined {
      return (this.#props.locale as string | undefined) ?? this.getAttribute('locale') ?? undefined
    }
    set locale(value: string | undefined) {
      this.#set('locale', value)
    }
    get timeZone(): string | undefined {
      return (this.#props.timeZone as string | undefined) ?? this.getAttribute('time-zone') ?? undefined
    }
    set timeZone(value: string | undefined) {
      this.#set('timeZone', value)
    }
    get brand(): Brand | undefined {
      return this.#props.brand as Brand | undefined
    }
    set brand(value: Brand | undefined) {
      this.#set('brand', value)
    }
    get carrierName(): string | undefined {
      return (this.#props.carrierName as string | undefined) ?? this.getAttribute('carrier-name') ?? undefined
    }
    set carrierName(value: string | undefined) {
      this.#set('carrierName', value)
    }
    get now(): Date | undefined {
      return this.#props.now as Date | undefined
    }
    set now(value: Date | undefined) {
      this.#set('now', value)
    }

    get src(): string | null {
      return this.getAttribute('src')
    }
    set src(value: string | null) {
      if (value === null || value === undefined) this.removeAttribute('src')
      else this.setAttribute('src', String(value))
    }

    async reload(): Promise<void> {
      const src = this.getAttribute('src')
      this.#controller?.abort()
      if (!src) return
      const controller = new AbortController()
      this.#controller = controller
      this.#state = 'loading'
      this.#schedule()
      try {
        const url = new URL(src, document.baseURI)
        const response = await fetch(url, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        })
        if (!response.ok) throw new ValidationError('src', `HTTP ${response.status} from ${url.href}`)
        const data: unknown = await response.json()
        checkShipment(data)
        if (controller.signal.aborted) return
        this.#fetched = data
        this.#state = 'idle'
      } catch (error) {
        if (controller.signal.aborted) return
        this.#state = 'error'
        this.dispatchEvent(new CustomEvent('waybill-error', { detail: error }))
      }
      this.#render()
    }

    refresh(): void {
      this.#render()
    }

    #schedule(): void {
      if (this.#scheduled) return
      this.#scheduled = true
      queueMicrotask(() => {
        this.#scheduled = false
        if (this.isConnected) this.#render()
      })
    }

    #shipment(): Shipment | undefined {
      let value = this.#props.shipment ?? this.#fetched ?? this.getAttribute('shipment') ?? undefined
      if (typeof value === 'string') value = JSON.parse(value)
      return value as Shipment | undefined
    }

    #options(): TrackingViewOptions {
      const brand = (this.#props.brand as Brand | undefined) ?? {
        ...(this.getAttribute('brand-name') ? { name: this.getAttribute('brand-name') as string } : {}),
        ...(this.getAttribute('brand-color') ? { color: this.getAttribute('brand-color') as string } : {}),
        ...(this.getAttribute('brand-logo') ? { logoUrl: this.getAttribute('brand-logo') as string } : {}),
      }
      const locale = (this.#props.locale as string | undefined) ?? this.getAttribute('locale') ?? undefined
      const timeZone =
        (this.#props.timeZone as string | undefined) ?? this.getAttribute('time-zone') ?? undefined
      const carrierName =
        (this.#props.carrierName as string | undefined) ?? this.getAttribute('carrier-name') ?? undefined
      const now = this.#props.now as Date | undefined
      return {
        brand,
        ...(locale ? { locale } : {}),
        ...(timeZone ? { timeZone } : {}),
        ...(carrierName ? { carrierName } : {}),
        ...(now ? { now } : {}),
      }
    }

    #message(text: string, role: 'status' | 'alert', lang: string): void {
      const css = trackingCss(':host', brandPalette(undefined))
      this.#root.innerHTML = `<style>${css}</style><div class="wb" lang="${e(lang)}"><div class="wb-main"><p role="${role}">${e(text)}</p></div></div>`
    }

    #render(): void {
      const options = this.#options()
      const strings = uiStrings(options.locale)
      if (this.#state === 'error') {
        this.#message(strings.loadError, 'alert', strings.language)
        return
      }
      let shipment: Shipment | undefined
      try {
        shipment = this.#shipment()
        if (!shipment) {
          if (this.#state === 'loading') this.#message(strings.loading, 'status', strings.language)
          else this.#root.innerHTML = ''
          return
        }
        const level = Math.min(5, Math.max(1, Number(this.getAttribute('heading-level')) || 2))
        const view = trackingView(shipment, options, {
          headingLevel: level,
          landmarks: false,
          defaultZone: browserZone,
        })
        const brand = view.brandHtml ? `<div class="wb-brand">${view.brandHtml}</div>` : ''
        const main = this.#isLandmark()
          ? `<section class="wb-main" aria-labelledby="wb-status">${view.mainHtml}</section>`
          : `<div class="wb-main">${view.mainHtml}</div>`
        this.#root.innerHTML =
          `<style>${trackingCss(':host', view.palette)}</style>` +
          `<div class="wb" lang="${e(view.lang)}">${brand}${main}</div>`
      } catch (error) {
        this.#message(strings.loadError, 'alert', strings.language)
        this.dispatchEvent(new CustomEvent('waybill-error', { detail: error }))
        return
      }
      this.dispatchEvent(new CustomEvent('waybill-render', { detail: { shipment } }))
    }
  }

  registry.define(name, TrackingElement)
  return TrackingElement
}
