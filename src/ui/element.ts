/**
 * Browser entry (built to `dist/browser/waybill-tracking.js`): defines `<waybill-tracking>` on load.
 * Imports nothing that needs Node; see docs/ui.md for React, Vue, Svelte and plain HTML.
 */
import { defineTrackingElement } from './register.js'

export type { DefineTrackingElementOptions, WaybillTrackingElement } from './register.js'
export { defineTrackingElement }

if (typeof customElements !== 'undefined') defineTrackingElement()
