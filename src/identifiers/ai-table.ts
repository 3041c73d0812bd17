/**
 * GS1 Application Identifier table: the logistics AIs and the ones GS1 Digital Link needs (keys, key qualifiers,
 * common attributes). Each row: AI(s), flags, format, title, Digital Link key qualifiers.
 *
 * Flags: `*` predefined length (no FNC1/GS after it in a barcode), `?` allowed as a Digital Link data attribute,
 * `c` the first component ends in a GS1 check digit. Format: `N` digits, `X` GS1 set 82, `Y` set 39, `Z` set 64;
 * `N18` fixed, `X..20` up to 20, components separated by a space, `[…]` optional. Written from the GS1 General
 * Specifications AI table (cross-checked with the GS1 Syntax Dictionary).
 */

export type AiCharset = 'N' | 'X' | 'Y' | 'Z'

export interface AiComponent {
  charset: AiCharset
  min: number
  max: number
  optional: boolean
}

export interface AiDefinition {
  ai: string
  title: string
  /** Predefined (fixed) length: needs no FNC1/GS separator after it. */
  predefinedLength: boolean
  /** May appear as a Digital Link query attribute. */
  dlAttribute: boolean
  /** The first component ends with a GS1 mod-10 check digit. */
  checkDigit: boolean
  components: AiComponent[]
  /** When this AI is a Digital Link primary key: the allowed qualifier sequences (in order). */
  dlQualifiers?: string[][]
  /** Weight/dimension AIs (31nn–36nn): the implied decimal places. */
  decimals?: number
}

type Row = [ai: string, flags: string, format: string, title: string, dlKey?: string]

const ROWS: Row[] = [
  ['00', '*?c', 'N18', 'SSCC', ''],
  ['01', '*?c', 'N14', 'GTIN', '22,10,21|235'],
  ['02', '*?c', 'N14', 'CONTENT'],
  ['03', '*c', 'N14', 'MTO GTIN'],
  ['10', '?', 'X..20', 'BATCH/LOT'],
  ['11', '*?', 'N6', 'PROD DATE'],
  ['12', '*?', 'N6', 'DUE DATE'],
  ['13', '*?', 'N6', 'PACK DATE'],
  ['15', '*?', 'N6', 'BEST BEFORE'],
  ['16', '*?', 'N6', 'SELL BY'],
  ['17', '*?', 'N6', 'USE BY OR EXPIRY'],
  ['20', '*?', 'N2', 'VARIANT'],
  ['21', '', 'X..20', 'SERIAL'],
  ['22', '', 'X..20', 'CPV'],
  ['235', '', 'X..28', 'TPX'],
  ['240', '?', 'X..30', 'ADDITIONAL ID'],
  ['241', '?', 'X..30', 'CUST. PART No.'],
  ['250', '?', 'X..30', 'SECONDARY SERIAL'],
  ['251', '?', 'X..30', 'REF. TO SOURCE'],
  ['253', '?c', 'N13 [X..17]', 'GDTI', ''],
  ['254', '', 'X..20', 'GLN EXTENSION COMPONENT'],
  ['255', '?c', 'N13 [N..12]', 'GCN', ''],
  ['30', '?', 'N..8', 'VAR. COUNT'],
  ['37', '?', 'N..8', 'COUNT'],
  ['400', '?', 'X..30', 'ORDER NUMBER'],
  ['401', '?', 'X..30', 'GINC', ''],
  ['402', '?c', 'N17', 'GSIN', ''],
  ['403', '?', 'X..30', 'ROUTE'],
  ['410', '*?c', 'N13', 'SHIP TO LOC'],
  ['411', '*?c', 'N13', 'BILL TO'],
  ['412', '*?c', 'N13', 'PURCHASE FROM'],
  ['413', '*?c', 'N13', 'SHIP FOR LOC'],
  ['414', '*?c', 'N13', 'LOC No.', '254|7040'],
  ['415', '*?c', 'N13', 'PAY TO', '8020'],
  ['416', '*?c', 'N13', 'PROD/SERV LOC'],
  ['417', '*?c', 'N13', 'PARTY', '7040'],
  ['420', '?', 'X..20', 'SHIP TO POST'],
  ['421', '?', 'N3 X..9', 'SHIP TO POST'],
  ['422', '?', 'N3', 'ORIGIN'],
  ['7040', '', 'N1 X3', 'UIC+EXT'],
  ['8003', '?c', 'N14 [X..16]', 'GRAI', ''],
  ['8004', '?', 'X..30', 'GIAI', '7040'],
  ['8006', '?c', 'N14 N4', 'ITIP', '22,10,21'],
  ['8010', '?', 'Y..30', 'CPID', '8011'],
  ['8011', '', 'N..12', 'CPID SERIAL'],
  ['8013', '?', 'X..25', 'GMN', ''],
  ['8017', '?c', 'N18', 'GSRN - PROVIDER', '8019'],
  ['8018', '?c', 'N18', 'GSRN - RECIPIENT', '8019'],
  ['8019', '', 'N..10', 'SRIN'],
  ['8020', '', 'X..25', 'REF No.'],
  ['8200', '', 'X..70', 'PRODUCT URL'],
  ['90', '?', 'X..30', 'INTERNAL'],
]

/** Weight and dimension AIs 31nn–36nn: N6 with the last AI digit giving the decimal places. */
const MEASURES: [string, string][] = [
  ['310', 'NET WEIGHT (kg)'],
  ['311', 'LENGTH (m)'],
  ['312', 'WIDTH (m)'],
  ['313', 'HEIGHT (m)'],
  ['315', 'NET VOLUME (l)'],
  ['316', 'NET VOLUME (m³)'],
  ['320', 'NET WEIGHT (lb)'],
  ['321', 'LENGTH (in)'],
  ['324', 'WIDTH (in)'],
  ['327', 'HEIGHT (in)'],
  ['330', 'GROSS WEIGHT (kg)'],
  ['331', 'LENGTH (m), log'],
  ['332', 'WIDTH (m), log'],
  ['333', 'HEIGHT (m), log'],
  ['335', 'VOLUME (l), log'],
  ['336', 'VOLUME (m³), log'],
  ['340', 'GROSS WEIGHT (lb)'],
  ['341', 'LENGTH (in), log'],
  ['344', 'WIDTH (in), log'],
  ['347', 'HEIGHT (in), log'],
  ['367', 'VOLUME (in³), log'],
  ['368', 'VOLUME (ft³), log'],
]

function parseFormat(format: string): AiComponent[] {
  return format.split(' ').map((part) => {
    const optional = part.startsWith('[')
    const body = optional ? part.slice(1, -1) : part
    const charset = body[0] as AiCharset
    const variable = body.startsWith('..', 1)
    const n = Number(body.slice(variable ? 3 : 1))
    return { charset, min: variable ? 1 : n, max: n, optional }
  })
}

function define(row: Row): AiDefinition {
  const [ai, flags, format, title, dlKey] = row
  const def: AiDefinition = {
    ai,
    title,
    predefinedLength: flags.includes('*'),
    dlAttribute: flags.includes('?'),
    checkDigit: flags.includes('c'),
    components: parseFormat(format),
  }
  if (dlKey !== undefined) def.dlQualifiers = dlKey === '' ? [] : dlKey.split('|').map((s) => s.split(','))
  return def
}

/** Every AI this module knows, keyed by AI. */
export const AI_TABLE: ReadonlyMap<string, AiDefinition> = (() => {
  const table = new Map<string, AiDefinition>()
  for (const row of ROWS) table.set(row[0], define(row))
  for (const [prefix, title] of MEASURES) {
    for (let d = 0; d <= 5; d++) {
      const ai = `${prefix}${d}`
      table.set(ai, { ...define([ai, '*?', 'N6', title]), decimals: d })
    }
  }
  for (let d = 0; d <= 9; d++) {
    table.set(`392${d}`, { ...define([`392${d}`, '?', 'N..15', 'PRICE']), decimals: d })
  }
  for (let n = 91; n <= 99; n++) table.set(String(n), define([String(n), '?', 'X..90', 'INTERNAL']))
  return table
})()

/**
 * AI length by its first two digits (GS1 General Specifications, "AI prefix" table), used to split raw element
 * strings and to accept AIs this table does not define when asked to.
 */
export function aiLengthForPrefix(prefix: string): number | undefined {
  const p = Number(prefix)
  if (!/^\d\d$/.test(prefix)) return undefined
  if (p <= 22 || p === 30 || p === 37 || p >= 90) return 2
  if ((p >= 23 && p <= 25) || (p >= 40 && p <= 42) || p === 71) return 3
  if ((p >= 31 && p <= 36) || p === 39 || p === 43 || p === 70 || (p >= 72 && p <= 82)) return 4
  return undefined
}

/** The definition of `ai`, or undefined when it is not in the table. */
export function getAi(ai: string): AiDefinition | undefined {
  return AI_TABLE.get(ai)
}

/** A permissive definition for a syntactically plausible AI that is not in the table (variable, X..90). */
export function unknownAi(ai: string): AiDefinition {
  return {
    ai,
    title: 'UNKNOWN',
    predefinedLength: false,
    dlAttribute: true,
    checkDigit: false,
    components: [{ charset: 'X', min: 1, max: 90, optional: false }],
  }
}
