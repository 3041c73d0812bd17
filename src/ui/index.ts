/**
 * `waybill/ui`: what the customer sees. A self-contained tracking page (`renderTrackingPage`), the
 * `<waybill-tracking>` custom element (`defineTrackingElement`, browser only), notification content for every
 * alert kind on email, SMS and push (`renderNotification`), and the helpers they use: HTML escaping, WCAG contrast
 * for brand colours, GSM-7/UCS-2 SMS encoding.
 */
export type { Brand, TrackingViewOptions } from './content.js'
export {
  brandPalette,
  contrastRatio,
  DEFAULT_ACCENT_DARK,
  DEFAULT_ACCENT_LIGHT,
  MIN_TEXT_CONTRAST,
  type Palette,
  relativeLuminance,
} from './contrast.js'
export { escapeHtml, safeUrl } from './escape.js'
export { foldToGsm7, gsm7Length, isGsm7, type SmsEncoding, smsEncoding } from './gsm7.js'
export {
  fitsSms,
  GSM7_LANGUAGES,
  MAX_UCS2_SEGMENTS,
  NOTIFICATION_CHANNELS,
  type Notification,
  type NotificationChannel,
  type NotificationOptions,
  renderNotification,
} from './notification.js'
export { renderTrackingPage, type TrackingPageOptions } from './page.js'
export { type ProgressView, progressView, type StepState } from './progress.js'
export {
  type DefineTrackingElementOptions,
  defineTrackingElement,
  type WaybillTrackingElement,
} from './register.js'
export {
  PROGRESS_STEPS,
  type ProgressStep,
  type StepProblem,
  UI_STRINGS,
  type UiStrings,
  uiStrings,
} from './strings.js'
