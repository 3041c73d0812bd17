/**
 * SMS encoding: the GSM 03.38 7-bit alphabet (GSM-7) with its extension table, the UCS-2 fallback, and segment
 * counting. A single SMS holds 160 GSM-7 septets or 70 UCS-2 code units; concatenated messages hold 153 / 67 per
 * segment. Extension characters (€ [ ] { } \ ~ ^ | and form feed) take two septets.
 */

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const EXTENSION = '\f^{}\\[~]|€'
const BASIC_SET = new Set(BASIC)
const EXTENSION_SET = new Set(EXTENSION)

/** True when every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false
  return true
}

/** Septets `text` takes in GSM-7 (extension characters count two); undefined when it is not GSM-7. */
export function gsm7Length(text: string): number | undefined {
  let length = 0
  for (const ch of text) {
    if (BASIC_SET.has(ch)) length += 1
    else if (EXTENSION_SET.has(ch)) length += 2
    else return undefined
  }
  return length
}

export interface SmsEncoding {
  encoding: 'gsm7' | 'ucs2'
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  length: number
  segments: number
}

/**
 * How an SMS of `text` is sent: GSM-7 when it can be, else UCS-2; and how many segments it takes.
 * @example smsEncoding('Hello').segments // 1
 */
export function smsEncoding(text: string): SmsEncoding {
  const septets = gsm7Length(text)
  if (septets !== undefined)
    return { encoding: 'gsm7', length: septets, segments: segments(septets, 160, 153) }
  return { encoding: 'ucs2', length: text.length, segments: segments(text.length, 70, 67) }
}

function segments(length: number, single: number, concatenated: number): number {
  if (length === 0) return 0
  return length <= single ? 1 : Math.ceil(length / concatenated)
}

const LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u00b7': '.',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\t': ' ',
}

/**
 * Rewrites text into GSM-7 where a reader loses nothing essential: typographic quotes, dashes and spaces become
 * their plain forms, and letters outside GSM-7 lose their accent (á → a, ê → e, ç → c) while GSM-7 letters keep
 * theirs (é, è, à, ñ, ü, ö, ä, ß). Used for languages written in Latin script where this is customary in SMS
 * (en, es, fr, de). Characters with no such form are kept, so the result may still need UCS-2.
 * @example foldToGsm7('¿Está en camino?') // '¿Esta en camino?'
 */
export function foldToGsm7(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    if (BASIC_SET.has(ch) || EXTENSION_SET.has(ch)) out += ch
    else if (LOOKALIKES[ch] !== undefined) out += LOOKALIKES[ch]
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '')
      out += base && isGsm7(base) ? base : ch
    }
  }
  return out
}
