/**
 * GS1 element strings: parse and format both the human-readable bracketed form `(00)006141411234567890(400)PO1`
 * and the raw barcode form where FNC1 is transmitted as GS (`\x1d`) after each variable-length AI.
 */
import { ParseError, ValidationError } from '../errors/index.js'
import { type AiDefinition, aiLengthForPrefix, getAi, unknownAi } from './ai-table.js'
import { hasValidGs1CheckDigit, isDigits, isGs1Cset82 } from './gs1-keys.js'

/** FNC1 as scanners transmit it between fields: ASCII group separator. */
export const GS = '\x1d'

/** One parsed AI with its data. */
export interface Gs1Element {
  ai: string
  /** The GS1 data title, e.g. `SSCC`, `GROSS WEIGHT (kg)`. */
  title: string
  value: string
  /** Present for AIs that carry a check digit (00, 01, 02, 253, 402, 41x…). */
  checkDigitValid?: boolean
  /** For weights and dimensions (31nn–36nn, 392n): the value with its implied decimal point. */
  decimal?: number
}

export interface ParseElementStringOptions {
  /**
   * Accept AIs that are not in the table, if their length fits the GS1 AI-prefix table (data read up to the next
   * separator). @default false
   */
  allowUnknownAis?: boolean
}

export interface FormatElementStringOptions {
  /** `bracketed` = `(01)…(10)…`; `raw` = barcode data with separators. @default 'bracketed' */
  style?: 'bracketed' | 'raw'
  /** Separator written after variable-length AIs in `raw` style. @default '\x1d' */
  separator?: string
  /** Accept AIs not in the table. @default false */
  allowUnknownAis?: boolean
}

const SYMBOLOGY_IDS = [']C1', ']e0', ']d2', ']Q3', ']J1']

function charsetOk(charset: AiDefinition['components'][number]['charset'], s: string): boolean {
  if (charset === 'N') return isDigits(s)
  if (charset === 'X') return isGs1Cset82(s)
  const re = charset === 'Y' ? /^[#\-/0-9A-Z]+$/ : /^[A-Za-z0-9_=-]+$/
  return re.test(s)
}

/** Checks `value` against the AI format. Returns an error message, or undefined when it fits. */
export function checkAiValue(def: AiDefinition, value: string): string | undefined {
  let rest = value
  for (let i = 0; i < def.components.length; i++) {
    const c = def.components[i] as AiDefinition['components'][number]
    if (rest.length === 0) {
      if (c.optional) break
      return `AI (${def.ai}) is too short: needs ${describeLength(def)}`
    }
    const last = i === def.components.length - 1
    const part = c.min === c.max ? rest.slice(0, c.max) : last ? rest : rest.slice(0, c.max)
    if (part.length < c.min) return `AI (${def.ai}) is too short: needs ${describeLength(def)}`
    if (part.length > c.max)
      return `AI (${def.ai}) is too long: at most ${c.max} characters, got ${part.length}`
    if (!charsetOk(c.charset, part)) {
      const what =
        c.charset === 'N'
          ? 'digits only'
          : `GS1 character set ${c.charset === 'X' ? 82 : c.charset === 'Y' ? 39 : 64}`
      return `AI (${def.ai}) has a character outside ${what}`
    }
    rest = rest.slice(part.length)
  }
  if (rest.length > 0) return `AI (${def.ai}) is too long: ${rest.length} extra character(s)`
  return undefined
}

function describeLength(def: AiDefinition): string {
  return def.components.map((c) => `${c.charset}${c.min === c.max ? c.max : `..${c.max}`}`).join('+')
}

function fixedLength(def: AiDefinition): number {
  let n = 0
  for (const c of def.components) n += c.max
  return n
}

/** Builds the element for an AI whose value was already checked. */
export function makeElement(def: AiDefinition, value: string): Gs1Element {
  const element: Gs1Element = { ai: def.ai, title: def.title, value }
  if (def.checkDigit) {
    const c = def.components[0] as AiDefinition['components'][number]
    element.checkDigitValid = hasValidGs1CheckDigit(value.slice(0, c.max))
  }
  if (def.decimals !== undefined) element.decimal = Number(value) / 10 ** def.decimals
  return element
}

/** Looks up an AI; with `allowUnknown`, plausible unknown AIs get a permissive definition. */
export function resolveAi(ai: string, allowUnknown: boolean): AiDefinition | undefined {
  const def = getAi(ai)
  if (def) return def
  if (!allowUnknown || ai.length < 2 || ai.length > 4 || !isDigits(ai)) return undefined
  const expected = aiLengthForPrefix(ai.slice(0, 2))
  if (expected !== undefined && expected !== ai.length) return undefined
  return unknownAi(ai)
}

function addElement(out: Gs1Element[], element: Gs1Element, offset: number): void {
  for (const e of out) {
    if (e.ai === element.ai && e.value !== element.value) {
      throw new ParseError(`AI (${element.ai}) appears twice with different values`, { offset })
    }
    if (e.ai === element.ai) return
  }
  out.push(element)
}

function parseBracketed(input: string, allowUnknown: boolean): Gs1Element[] {
  const out: Gs1Element[] = []
  let pos = 0
  while (pos < input.length) {
    if (input[pos] !== '(') throw new ParseError(`expected '(' to start an AI`, { offset: pos })
    const close = input.indexOf(')', pos)
    if (close < 0) throw new ParseError(`AI is missing its closing ')'`, { offset: pos })
    const ai = input.slice(pos + 1, close)
    const def = resolveAi(ai, allowUnknown)
    if (!def) throw new ParseError(`unknown AI (${ai})`, { offset: pos + 1, path: ai })
    let value = ''
    let i = close + 1
    while (i < input.length && input[i] !== '(') {
      if (input[i] === '\\' && input[i + 1] === '(') i++
      value += input[i]
      i++
    }
    const problem = checkAiValue(def, value)
    if (problem) throw new ParseError(problem, { offset: close + 1, path: ai })
    addElement(out, makeElement(def, value), pos)
    pos = i
  }
  return out
}

function isSeparator(c: string | undefined): boolean {
  return c === GS || c === '^'
}

function findAi(input: string, pos: number, allowUnknown: boolean): AiDefinition | undefined {
  for (let n = 2; n <= 4; n++) {
    const def = getAi(input.slice(pos, pos + n))
    if (def) return def
  }
  if (!allowUnknown) return undefined
  const n = aiLengthForPrefix(input.slice(pos, pos + 2)) ?? 2
  const ai = input.slice(pos, pos + n)
  return isDigits(ai) && ai.length === n ? unknownAi(ai) : undefined
}

function parseRaw(input: string, allowUnknown: boolean): Gs1Element[] {
  const out: Gs1Element[] = []
  let pos = 0
  for (const id of SYMBOLOGY_IDS) if (input.startsWith(id)) pos = id.length
  if (isSeparator(input[pos])) pos++
  while (pos < input.length) {
    const def = findAi(input, pos, allowUnknown)
    if (!def) throw new ParseError(`unknown AI at "${input.slice(pos, pos + 4)}"`, { offset: pos })
    const start = pos + def.ai.length
    let end: number
    if (def.predefinedLength) {
      end = start + fixedLength(def)
      if (end > input.length) {
        throw new ParseError(`AI (${def.ai}) needs ${fixedLength(def)} characters`, {
          offset: start,
          path: def.ai,
        })
      }
    } else {
      end = start
      while (end < input.length && !isSeparator(input[end])) end++
    }
    const value = input.slice(start, end)
    const problem = checkAiValue(def, value)
    if (problem) throw new ParseError(problem, { offset: start, path: def.ai })
    addElement(out, makeElement(def, value), pos)
    pos = end
    if (isSeparator(input[pos])) {
      pos++
      if (pos === input.length || isSeparator(input[pos])) {
        throw new ParseError('separator not followed by an AI', { offset: pos - 1 })
      }
    }
  }
  return out
}

/**
 * Parses a GS1 element string in bracketed form (`(00)…(401)…`) or raw form (AIs run together, variable-length
 * fields ended by GS `\x1d` or `^`; an optional leading FNC1/GS and symbology identifier such as `]C1` are
 * skipped). Check digits are reported per element in `checkDigitValid`, not thrown.
 * @throws ParseError naming the AI and the offset when the input does not follow the AI formats.
 * @example parseElementString('(00)006141411234567890(421)84010001')
 */
export function parseElementString(input: string, options: ParseElementStringOptions = {}): Gs1Element[] {
  if (typeof input !== 'string' || input.length === 0)
    throw new ParseError('empty GS1 element string', { offset: 0 })
  const text = input.trim()
  const allowUnknown = options.allowUnknownAis ?? false
  return text.startsWith('(') ? parseBracketed(text, allowUnknown) : parseRaw(text, allowUnknown)
}

/**
 * Formats AIs as an element string. In `raw` style a separator follows every AI that has no predefined length,
 * except the last.
 * @throws ValidationError naming the AI whose value does not fit its format.
 * @example formatElementString([{ ai: '00', value: '006141411234567890' }]) // '(00)006141411234567890'
 */
export function formatElementString(
  elements: readonly { ai: string; value: string }[],
  options: FormatElementStringOptions = {},
): string {
  const style = options.style ?? 'bracketed'
  const separator = options.separator ?? GS
  let out = ''
  elements.forEach((element, index) => {
    const def = resolveAi(element.ai, options.allowUnknownAis ?? false)
    if (!def) throw new ValidationError(`elements[${index}].ai`, `unknown AI (${element.ai})`)
    const problem = checkAiValue(def, element.value)
    if (problem) throw new ValidationError(`elements[${index}].value`, problem)
    if (style === 'bracketed') {
      out += `(${def.ai})${element.value.replaceAll('(', '\\(')}`
    } else {
      out += def.ai + element.value
      if (!def.predefinedLength && index < elements.length - 1) out += separator
    }
  })
  return out
}
