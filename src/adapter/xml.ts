/**
 * The one XML reader of waybill's adapters (Canada Post and later XML carriers): a carrier answer → plain
 * objects, through fast-xml-parser (MIT). Answers carrying a DOCTYPE are refused before parsing, so no entity
 * defined in the document can expand (billion-laughs); only the five predefined XML entities and character
 * references are decoded. Values stay strings (no number guessing: tracking numbers keep their leading zeros).
 */
import type { XMLParser } from 'fast-xml-parser'
import { ParseError } from '../errors/index.js'

/**
 * The parser, made on the first XML body: fast-xml-parser is loaded then (synchronously, its CommonJS build), not
 * when the root entry is imported (#26).
 */
let parser: XMLParser | undefined

function xmlParser(): XMLParser {
  if (parser) return parser
  const fxp = process.getBuiltinModule('node:module').createRequire(import.meta.url)(
    'fast-xml-parser',
  ) as typeof import('fast-xml-parser')
  parser = new fxp.XMLParser(XML_OPTIONS)
  return parser
}

const XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  removeNSPrefix: true,
} as const

/**
 * XML text or bytes → a plain object (elements as keys, attributes as `@_name`, text beside attributes as
 * `#text`; a repeated element becomes an array). Throws ParseError naming `what` for a body that is not XML or
 * that declares a DOCTYPE.
 * @example parseXmlBody('<a><b>1</b></a>', 'Canada Post answer') // { a: { b: '1' } }
 */
export function parseXmlBody(body: string | Uint8Array, what: string): Record<string, unknown> {
  let text: string
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch (cause) {
    throw new ParseError(`${what} body is not UTF-8`, { offset: 0 }, { cause })
  }
  const doctype = text.search(/<!DOCTYPE/i)
  if (doctype >= 0)
    throw new ParseError(`${what} body declares a DOCTYPE, which is refused (entity expansion)`, {
      offset: doctype,
    })
  if (!/^\s*(<\?xml[^>]*\?>\s*)?</.test(text)) throw new ParseError(`${what} body is not XML`, { offset: 0 })
  try {
    const parsed: unknown = xmlParser().parse(text, true)
    if (parsed === null || typeof parsed !== 'object') throw new Error('no root element')
    return parsed as Record<string, unknown>
  } catch (cause) {
    throw new ParseError(`${what} body is not well-formed XML`, { offset: 0 }, { cause })
  }
}
