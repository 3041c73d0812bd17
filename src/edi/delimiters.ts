/**
 * Delimiter detection from an ISA header by counting its 16 element separators (never by fixed offsets), so
 * unpadded headers, line feeds inside the header and multi-byte terminators all work.
 */
import { ParseError } from '../errors/index.js'
import { decodeCp1252 } from './segment.js'

/** The delimiters of one interchange, as bytes (for scanning) and as text (for writing and display). */
export interface Delimiters {
  /** Element separator byte (`*` = 0x2a). */
  element: number
  elementText: string
  /** Component (sub-element) separator bytes (ISA16). */
  component: Uint8Array
  componentText: string
  /** Repetition separator (ISA11 when ISA12 ≥ 00402 and it is not alphanumeric). */
  repetition: number | undefined
  repetitionText: string | undefined
  /** Segment terminator bytes; a single CR or LF means "line endings terminate segments". */
  terminator: Uint8Array
  terminatorText: string
  /** True when the terminator is a line ending (CR, LF and CRLF all end a segment). */
  lineTerminated: boolean
  /** Exactly what ends each segment in the input (`'~'`, `'~\r\n'`, `'\n'`…), reused by the 997 writer. */
  segmentEnd: string
}

/** Result of reading an ISA header at a position. */
export interface IsaScan {
  delimiters: Delimiters
  /** Index of the first byte after the ISA content (where the terminator starts). */
  contentEnd: number
  /** Index of the first byte after the terminator. */
  next: number
}

/** Longest span searched for the 16 separators of an ISA (a padded ISA is 106 bytes). */
export const MAX_ISA_BYTES = 1024

const CR = 0x0d
const LF = 0x0a

export function isAlphanumeric(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
}

/**
 * Length of the UTF-8 character starting at `i`, 1 when the bytes there are not a valid UTF-8 sequence, or 0 when
 * the sequence may continue past the end of the buffer (more input needed, unless `final`).
 */
function charLength(buf: Uint8Array, i: number, final: boolean): number {
  const b = buf[i]!
  if (b < 0xc2 || b > 0xf4) return 1
  const len = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4
  if (i + len > buf.length) return final ? 1 : 0
  for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 1
  return len
}

/** A delimiter as text: one byte is Windows-1252 (0x85 is "…"), several are UTF-8. */
function text(bytes: Uint8Array): string {
  return bytes.length === 1 ? decodeCp1252(bytes) : Buffer.from(bytes).toString('utf8')
}

/**
 * Reads the ISA at `p` (which must start with `ISA`, any case). Returns `undefined` when more input is needed
 * (and `final` is false). Throws a {@link ParseError} for headers that cannot be read.
 */
export function scanIsa(
  buf: Buffer,
  p: number,
  final: boolean,
  baseOffset: number,
  segment: number,
): IsaScan | undefined {
  const where = { offset: baseOffset + p, segment }
  if (buf.length < p + 4) {
    if (final) throw new ParseError('Truncated ISA header', where)
    return undefined
  }
  const element = buf[p + 3]!
  if (isAlphanumeric(element) || element === CR || element === LF || element === 0x20) {
    throw new ParseError(
      `Invalid element separator ${JSON.stringify(String.fromCharCode(element))} in ISA`,
      where,
    )
  }
  const limit = Math.min(buf.length, p + MAX_ISA_BYTES)
  const seps: number[] = [p + 3]
  let i = p + 4
  while (seps.length < 16 && i < limit) {
    const b = buf[i]!
    if (b === element) seps.push(i)
    i++
  }
  if (seps.length < 16) {
    if (!final && buf.length < p + MAX_ISA_BYTES) return undefined
    throw new ParseError(`ISA header has ${seps.length} of 16 element separators`, where)
  }
  // ISA16: the component separator, after any line break that wrapped the header.
  let c = seps[15]! + 1
  while (c < limit && (buf[c] === CR || buf[c] === LF)) c++
  if (c >= buf.length) {
    if (!final) return undefined
    throw new ParseError('ISA header ends before its component separator', where)
  }
  const componentLength = charLength(buf, c, final)
  if (componentLength === 0) return undefined
  const t = c + componentLength
  if (t >= buf.length) {
    if (!final) return undefined
    throw new ParseError('ISA header ends before its segment terminator', where)
  }
  const component = buf.subarray(c, t)
  let terminator: Uint8Array
  let lineTerminated = false
  let next: number
  let crlf = false
  if (buf[t] === CR || buf[t] === LF) {
    lineTerminated = true
    if (buf[t] === CR && t + 1 >= buf.length && !final) return undefined
    // CRLF or LF: scan for LF (a CR before it is trimmed); a lone CR: scan for CR.
    crlf = buf[t] === CR && buf[t + 1] === LF
    terminator = Uint8Array.of(buf[t] === LF || crlf ? LF : CR)
    next = crlf ? t + 2 : t + 1
  } else {
    const len = charLength(buf, t, final)
    if (len === 0) return undefined
    terminator = Uint8Array.from(buf.subarray(t, t + len))
    next = t + len
  }
  const term0 = terminator[0]!
  if (isAlphanumeric(term0) || term0 === 0x20) {
    throw new ParseError(`Invalid segment terminator ${JSON.stringify(text(terminator))} in ISA`, where)
  }
  if (term0 === element || (terminator.length === 1 && component.length === 1 && component[0] === term0)) {
    throw new ParseError('ISA delimiters are not distinct', where)
  }
  if (component.length === 1 && component[0] === element) {
    throw new ParseError('ISA component separator equals the element separator', where)
  }
  // Line ending written after each terminator (for the 997 writer to reproduce).
  let lineEnding = ''
  if (!lineTerminated) {
    if (buf[next] === CR && buf[next + 1] === LF) lineEnding = '\r\n'
    else if (buf[next] === LF) lineEnding = '\n'
  }
  // ISA11 is a repetition separator from 00402 on, when it is not alphanumeric.
  let repetition: number | undefined
  const isa11Start = seps[10]! + 1
  const isa12 = buf.toString('latin1', seps[11]! + 1, seps[12]!).trim()
  if (seps[11]! - isa11Start === 1 && isa12 >= '00402') {
    const r = buf[isa11Start]!
    if (!isAlphanumeric(r) && r !== 0x20 && r !== element && r !== term0) repetition = r
  }
  return {
    delimiters: {
      element,
      elementText: String.fromCharCode(element),
      component: Uint8Array.from(component),
      componentText: text(component),
      repetition,
      repetitionText: repetition === undefined ? undefined : String.fromCharCode(repetition),
      terminator,
      terminatorText: text(terminator),
      lineTerminated,
      segmentEnd: crlf ? '\r\n' : text(terminator) + lineEnding,
    },
    contentEnd: t,
    next,
  }
}
