/**
 * Browser entry (built to `dist/browser/waybill-tracking.js`): defines `<waybill-tracking>` on load.
 * Imports nothing that needs Node; see docs/ui.md for React, Vue, Svelte and plain HTML.
 */
import { defineTrackingElement, type WaybillTrackingElement } from './register.js'

declare global {
  interface HTMLElementTagNameMap {
    'waybill-tracking': WaybillTrackingElement
  }
}

export type { DefineTrackingElementOptions, WaybillTrackingElement } from './register.js'
export { defineTrackingElement }

if (typeof customElements !== 'undefined') defineTrackingElement()
