/**
 * GS1 pairing rules between AIs (General Specifications "mandatory association" and "invalid pair" rules, as
 * written in the GS1 Syntax Dictionary): e.g. CONTENT (02) needs COUNT (37), ROUTE (403) needs an SSCC (00),
 * SHIP TO POST (420) and (421) exclude each other. Checked separately from parsing, so a label with a missing
 * partner can still be read.
 */

/** `req`: each inner list is one "any of" requirement, all of them must hold. `ex`: AIs that must not appear. */
interface Rule {
  req?: string[][]
  ex?: string[]
}

const TRADE_ITEM = ['01', '02', '03', '8006', '8026']
const rule = (req: string, ex?: string): Rule => {
  const r: Rule = {}
  if (req) r.req = req.split(' ').map((group) => group.split(','))
  if (ex) r.ex = ex.split(',')
  return r
}

const RULES: Record<string, Rule> = {
  '01': rule('', '255,37'),
  '02': rule('37', '01,03'),
  '03': rule('', '01,02,37'),
  '10': rule(TRADE_ITEM.join(',')),
  '11': rule(TRADE_ITEM.join(',')),
  '12': rule('8020'),
  '13': rule(TRADE_ITEM.join(',')),
  '15': rule(TRADE_ITEM.join(',')),
  '16': rule(TRADE_ITEM.join(',')),
  '17': rule(`${TRADE_ITEM.join(',')},255`),
  '20': rule('01,02,8006,8026'),
  '21': rule('01,03,8006', '235'),
  '22': rule('01'),
  '235': rule('01'),
  '240': rule('01,02,8006,8026'),
  '241': rule('01,02,8006,8026'),
  '250': rule('01,8006 21'),
  '251': rule('01,8006'),
  '254': rule('414'),
  '255': rule('', '01,02,415,8006,8020,8026'),
  '30': rule('01,02'),
  '37': rule('00 02,8026'),
  '403': rule('00'),
  '415': rule('8020'),
  '420': rule('', '421'),
  '422': rule('01,02,8006,8026'),
  '8006': rule('', '01,37'),
  '8011': rule('8010'),
  '8017': rule('', '8018'),
  '8018': rule('', '8017'),
  '8019': rule('8017,8018'),
  '8020': rule('415'),
  '8200': rule('01'),
}

/** Trade-item measures (31nn, 32nn, 350–352, 36x) need a GTIN; logistic ones (33nn, 34nn, 353–355…) SSCC or GTIN. */
function ruleFor(ai: string): Rule | undefined {
  const own = RULES[ai]
  if (own) return own
  if (ai.length !== 4) return undefined
  const p = ai.slice(0, 2)
  const same = ai.slice(0, 3)
  if (p === '31' || p === '32' || p === '35' || p === '36') {
    const isLogistic =
      (p === '35' && same >= '353') || (p === '36' && (same === '362' || same === '363' || same >= '367'))
    return isLogistic ? logistic(same) : trade(same)
  }
  if (p === '33' || p === '34') return ai.startsWith('337') ? trade(same) : logistic(same)
  if (same === '392') return rule('01')
  return undefined
}

const trade = (family: string): Rule => ({ req: [['01', '02']], ex: [family] })
const logistic = (family: string): Rule => ({ req: [['00', '01']], ex: [family] })

/**
 * Pairing problems in a list of AIs, as readable messages (empty when the combination is valid).
 * @example checkAiRelations([{ ai: '02' }]) // ['AI (02) requires AI (37)']
 */
export function checkAiRelations(elements: readonly { ai: string }[]): string[] {
  const present = elements.map((e) => e.ai)
  const problems: string[] = []
  present.forEach((ai, index) => {
    const r = ruleFor(ai)
    if (!r) return
    for (const group of r.req ?? []) {
      if (!group.some((needed) => present.includes(needed))) {
        problems.push(`AI (${ai}) requires AI ${group.map((g) => `(${g})`).join(' or ')}`)
      }
    }
    for (const excluded of r.ex ?? []) {
      // `ex` on a 3-digit family (e.g. 330) means "no other AI of the same family", i.e. one 330n only
      const clash = present.find((other, j) =>
        excluded.length === 3 ? j !== index && other.startsWith(excluded) : other === excluded,
      )
      if (clash) problems.push(`AI (${ai}) must not appear with AI (${clash})`)
    }
  })
  return [...new Set(problems)]
}
