/**
 * GS1 Digital Link URIs: `https://{domain}/{stem?}/{primaryKeyAI}/{value}[/{qualifierAI}/{value}…][?{AI}={value}…]`.
 * Parse (validating like the GS1 syntax engine) and build, for id.gs1.org or any custom domain.
 */
import { ParseError, ValidationError } from '../errors/index.js'
import type { AiDefinition } from './ai-table.js'
import { checkAiValue, type Gs1Element, makeElement, resolveAi } from './element-string.js'
import { isDigits } from './gs1-keys.js'

/** The GS1 global resolver. */
export const GS1_RESOLVER = 'https://id.gs1.org'

/** Convenience path names from the early Digital Link standard (off by default, as in the GS1 syntax engine). */
const CONVENIENCE_ALPHAS: Record<string, string> = {
  gtin: '01',
  itip: '8006',
  cpv: '22',
  lot: '10',
  ser: '21',
  gln: '414',
  party: '417',
  gsrnp: '8017',
  gsrn: '8018',
  srin: '8019',
  gcn: '255',
  sscc: '00',
  gdti: '253',
  ginc: '401',
  gsin: '402',
  grai: '8003',
  giai: '8004',
  cpid: '8010',
  cpsn: '8011',
  gmn: '8013',
  glnx: '254',
  tpx: '235',
}

export interface ParseDigitalLinkOptions {
  /** Accept `/gtin/`, `/sscc/`, `/ser/`… in place of numeric AIs. @default false */
  allowConvenienceAlphas?: boolean
  /** Accept GTIN-8/12/13 for AI 01 and pad them to 14 digits. @default true */
  allowZeroSuppressedGtin?: boolean
  /** Accept numeric query parameters that are plausible AIs but not in the table. @default false */
  allowUnknownAis?: boolean
}

export interface DigitalLink {
  /** Scheme and authority as given, e.g. `https://id.gs1.org`. */
  origin: string
  /** Path segments before the primary key (`''` when none), e.g. `/stem`. */
  stem: string
  primaryKey: Gs1Element
  qualifiers: Gs1Element[]
  attributes: Gs1Element[]
  /** primaryKey, qualifiers, then attributes, in URI order. */
  elements: Gs1Element[]
}

const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/

function fail(uri: string, message: string, offset?: number): never {
  throw new ParseError(
    `invalid GS1 Digital Link: ${message}`,
    offset === undefined ? { path: 'uri' } : { offset },
    {
      details: { uri: String(uri).slice(0, 200) },
    },
  )
}

function decode(uri: string, raw: string, plusIsSpace: boolean, offset: number): string {
  const text = plusIsSpace ? raw.replaceAll('+', ' ') : raw
  let value: string
  try {
    value = decodeURIComponent(text)
  } catch {
    fail(uri, 'bad percent-encoding', offset)
  }
  if (value.includes('\0')) fail(uri, 'NUL character in a value', offset)
  return value
}

function isValidQualifierSequence(alternatives: string[][], ais: string[]): boolean {
  if (ais.length === 0) return true
  return alternatives.some((alt) => {
    let j = 0
    for (const ai of ais) {
      while (j < alt.length && alt[j] !== ai) j++
      if (j === alt.length) return false
      j++
    }
    return true
  })
}

function keyValue(def: AiDefinition, value: string, options: ParseDigitalLinkOptions): string {
  if (def.ai === '01' && (options.allowZeroSuppressedGtin ?? true) && isDigits(value)) {
    if (value.length === 8 || value.length === 12 || value.length === 13) return value.padStart(14, '0')
  }
  return value
}

/**
 * Parses a GS1 Digital Link URI into its primary key, key qualifiers and data attributes. Non-AI query
 * parameters and the fragment are ignored, as the standard says.
 * @throws ParseError when the URI is not a valid Digital Link (bad scheme, host, path, AI, value or ordering).
 * @example parseDigitalLink('https://id.gs1.org/00/006141411234567890').primaryKey.value // '006141411234567890'
 */
export function parseDigitalLink(uri: string, options: ParseDigitalLinkOptions = {}): DigitalLink {
  if (typeof uri !== 'string') fail(String(uri), 'not a string')
  const scheme = /^(https?|HTTPS?):\/\//.exec(uri)
  if (!scheme) fail(uri, 'scheme must be http or https', 0)
  const afterScheme = scheme[0].length
  const hashAt = uri.indexOf('#')
  const body = hashAt >= 0 ? uri.slice(0, hashAt) : uri
  const slash = body.indexOf('/', afterScheme)
  if (slash < 0) fail(uri, 'no path', afterScheme)
  const host = body.slice(afterScheme, slash)
  if (!HOST.test(host)) fail(uri, `bad host ${JSON.stringify(host)}`, afterScheme)
  const queryAt = body.indexOf('?', slash)
  const path = queryAt >= 0 ? body.slice(slash, queryAt) : body.slice(slash)
  const query = queryAt >= 0 ? body.slice(queryAt + 1) : ''
  if (!PATH_CHARS.test(path) || !PATH_CHARS.test(query.replaceAll('?', ''))) {
    fail(uri, 'character not allowed in a URI', slash)
  }
  const segments = path.slice(1).split('/')
  if (segments.some((s) => s.length === 0)) fail(uri, 'empty path segment', slash)
  const alphas = options.allowConvenienceAlphas ?? false
  const aiAt = (i: number): AiDefinition | undefined => {
    const seg = segments[i] as string
    return resolveAi(alphas ? (CONVENIENCE_ALPHAS[seg] ?? seg) : seg, false)
  }
  let keyIndex = segments.length - 2
  let keyDef: AiDefinition | undefined
  while (keyIndex >= 0) {
    const def = aiAt(keyIndex)
    if (!def) fail(uri, `"${segments[keyIndex]}" is not a GS1 AI`, slash)
    if (def.dlQualifiers) {
      keyDef = def
      break
    }
    keyIndex -= 2
  }
  if (!keyDef) fail(uri, 'no primary key AI in the path', slash)
  const alternatives = keyDef.dlQualifiers ?? []
  const seen = new Set<string>([keyDef.ai])
  const element = (def: AiDefinition, raw: string, plus: boolean, where: string): Gs1Element => {
    const value = keyValue(def, decode(uri, raw, plus, slash), options)
    const problem = checkAiValue(def, value)
    if (problem) fail(uri, `${where}: ${problem}`)
    return makeElement(def, value)
  }
  const primaryKey = element(keyDef, segments[keyIndex + 1] as string, false, 'primary key')
  const qualifiers: Gs1Element[] = []
  for (let i = keyIndex + 2; i < segments.length; i += 2) {
    const def = aiAt(i) as AiDefinition
    if (seen.has(def.ai)) fail(uri, `AI (${def.ai}) appears twice`)
    seen.add(def.ai)
    qualifiers.push(element(def, segments[i + 1] as string, false, 'key qualifier'))
  }
  const qualifierAis = qualifiers.map((q) => q.ai)
  if (!isValidQualifierSequence(alternatives, qualifierAis)) {
    fail(uri, `qualifiers ${qualifierAis.join(',')} are not valid for AI (${keyDef.ai})`)
  }
  const attributes: Gs1Element[] = []
  for (const param of query.split('&')) {
    const eq = param.indexOf('=')
    if (eq < 0) continue
    const name = param.slice(0, eq)
    if (!isDigits(name)) continue
    const def = resolveAi(name, options.allowUnknownAis ?? false)
    if (!def?.dlAttribute) fail(uri, `query parameter ${name} is not a GS1 data attribute`)
    if (seen.has(def.ai)) fail(uri, `AI (${def.ai}) appears twice`)
    if (
      alternatives.length > 0 &&
      isValidQualifierSequence(alternatives, orderLike(alternatives, [...qualifierAis, def.ai]))
    ) {
      fail(uri, `AI (${def.ai}) is a key qualifier and belongs in the path`)
    }
    seen.add(def.ai)
    const raw = param.slice(eq + 1)
    if (raw.length === 0) fail(uri, `query parameter ${name} is empty`)
    attributes.push(element(def, raw, true, `attribute ${name}`))
  }
  return {
    origin: body.slice(0, slash),
    stem: segments.slice(0, keyIndex).length ? `/${segments.slice(0, keyIndex).join('/')}` : '',
    primaryKey,
    qualifiers,
    attributes,
    elements: [primaryKey, ...qualifiers, ...attributes],
  }
}

/** Sorts AIs in the order of the first alternative that contains them all (for qualifier checks). */
function orderLike(alternatives: string[][], ais: string[]): string[] {
  const alt = alternatives.find((a) => ais.every((ai) => a.includes(ai)))
  return alt ? alt.filter((ai) => ais.includes(ai)) : ais
}

export interface BuildDigitalLinkOptions {
  /** Scheme and domain (and optional path stem) to put in front. @default 'https://id.gs1.org' */
  domain?: string
}

/**
 * Builds a Digital Link from AIs: the first Digital Link primary key among `elements` goes in the path, with
 * its key qualifiers in standard order; other AIs become query attributes. GTIN-8/12/13 are padded to 14.
 * @throws ValidationError when there is no primary key, a value does not fit its AI, or an AI cannot be a
 * Digital Link attribute.
 * @example buildDigitalLink([{ ai: '00', value: '006141411234567890' }]) // 'https://id.gs1.org/00/006141411234567890'
 */
export function buildDigitalLink(
  elements: readonly { ai: string; value: string }[],
  options: BuildDigitalLinkOptions = {},
): string {
  const domain = (options.domain ?? GS1_RESOLVER).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(domain)) {
    throw new ValidationError('domain', `must be an http(s) URL without query, got ${JSON.stringify(domain)}`)
  }
  const keyIndex = elements.findIndex((e) => resolveAi(e.ai, false)?.dlQualifiers !== undefined)
  if (keyIndex < 0)
    throw new ValidationError('elements', 'no GS1 Digital Link primary key (00, 01, 401, 402, 414…)')
  const values = new Map<string, string>()
  elements.forEach((e, i) => {
    const def = resolveAi(e.ai, false)
    if (!def) throw new ValidationError(`elements[${i}].ai`, `unknown AI (${e.ai})`)
    const value = def.ai === '01' && /^\d{8}$|^\d{12,13}$/.test(e.value) ? e.value.padStart(14, '0') : e.value
    const problem = checkAiValue(def, value)
    if (problem) throw new ValidationError(`elements[${i}].value`, problem)
    if (values.has(def.ai)) throw new ValidationError(`elements[${i}].ai`, `AI (${def.ai}) given twice`)
    values.set(def.ai, value)
  })
  const key = elements[keyIndex] as { ai: string }
  const alternatives = resolveAi(key.ai, false)?.dlQualifiers ?? []
  const present = [...values.keys()].filter((ai) => ai !== key.ai)
  const alt =
    alternatives.map((a) => a.filter((ai) => present.includes(ai))).sort((a, b) => b.length - a.length)[0] ??
    []
  let uri = `${domain}/${key.ai}/${encodeURIComponent(values.get(key.ai) as string)}`
  for (const ai of alt) uri += `/${ai}/${encodeURIComponent(values.get(ai) as string)}`
  const query: string[] = []
  for (const ai of present) {
    if (alt.includes(ai)) continue
    if (!resolveAi(ai, false)?.dlAttribute) {
      throw new ValidationError('elements', `AI (${ai}) cannot be a Digital Link attribute of AI (${key.ai})`)
    }
    query.push(`${ai}=${encodeURIComponent(values.get(ai) as string)}`)
  }
  return query.length ? `${uri}?${query.join('&')}` : uri
}

/**
 * The Digital Link for an SSCC.
 * @throws ValidationError when `sscc` is not 18 digits.
 * @example ssccDigitalLink('006141411234567890') // 'https://id.gs1.org/00/006141411234567890'
 */
export function ssccDigitalLink(sscc: string, options: BuildDigitalLinkOptions = {}): string {
  return buildDigitalLink([{ ai: '00', value: sscc }], options)
}
