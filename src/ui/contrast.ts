/**
 * WCAG 2.x contrast for brand colours. A brand colour is used as the accent (links, the progress bar, the button
 * in emails) only where it keeps the required contrast; otherwise the default accent is used for that scheme.
 */
import { ValidationError } from '../errors/index.js'

/** Page backgrounds the accent is drawn on: light and dark scheme. */
export const LIGHT_BACKGROUND = '#ffffff'
export const DARK_BACKGROUND = '#121417'
/** Default accents: 7.2:1 on white and 8.6:1 on the dark background. */
export const DEFAULT_ACCENT_LIGHT = '#1d4ed8'
export const DEFAULT_ACCENT_DARK = '#93c5fd'
/** WCAG 1.4.3 (normal text, AA). The accent colours link text, so the text threshold applies. */
export const MIN_TEXT_CONTRAST = 4.5

/** Parses `#rgb` or `#rrggbb` into 0–255 channels; undefined when it is not a hex colour. */
export function parseHexColor(value: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim())
  if (!m?.[1]) return undefined
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

function channel(value: number): number {
  const c = value / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of a hex colour. */
export function relativeLuminance(hex: string): number {
  const rgb = parseHexColor(hex)
  if (!rgb) throw new ValidationError('color', `'${hex}' is not a hex colour (#rgb or #rrggbb)`)
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/**
 * WCAG contrast ratio of two hex colours, 1 to 21.
 * @example contrastRatio('#000', '#fff') // 21
 */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)]
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/** The accent colours a page or message uses, and whether the brand colour passed in each scheme. */
export interface Palette {
  /** Accent on the light background. */
  accentLight: string
  /** Accent on the dark background. */
  accentDark: string
  /** Text on an accent-filled surface (button, header band) in the light scheme: black or white, whichever contrasts more. */
  onAccentLight: string
  onAccentDark: string
  /** True when the brand colour is used in the light scheme (false: it failed contrast and the default is used). */
  brandLight: boolean
  brandDark: boolean
}

function onColor(background: string): string {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111111') ? '#ffffff' : '#111111'
}

/**
 * The palette for a brand colour: the brand colour in each scheme where it reaches 4.5:1 against that scheme's
 * background, the default accent where it does not (or when no valid colour is given).
 * @example brandPalette('#ffd700').brandLight // false: gold on white is 1.4:1
 */
export function brandPalette(color: string | undefined): Palette {
  const valid = color !== undefined && parseHexColor(color) !== undefined
  const hex = valid ? normalizeHex(color) : undefined
  const brandLight = hex !== undefined && contrastRatio(hex, LIGHT_BACKGROUND) >= MIN_TEXT_CONTRAST
  const brandDark = hex !== undefined && contrastRatio(hex, DARK_BACKGROUND) >= MIN_TEXT_CONTRAST
  const accentLight = brandLight && hex ? hex : DEFAULT_ACCENT_LIGHT
  const accentDark = brandDark && hex ? hex : DEFAULT_ACCENT_DARK
  return {
    accentLight,
    accentDark,
    onAccentLight: onColor(accentLight),
    onAccentDark: onColor(accentDark),
    brandLight,
    brandDark,
  }
}

function normalizeHex(value: string): string {
  const rgb = parseHexColor(value) as [number, number, number]
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}
