import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type z, z as zod } from 'zod'
import * as dhl from '../../adapters/dhl/schema.js'
import * as fedex from '../../adapters/fedex/schema.js'
import * as ups from '../../adapters/ups/schema.js'
import * as usps from '../../adapters/usps/schema.js'
import { decoderFor, REJECT } from '../../src/adapter/decode.js'
import { list, optionalObject, text } from '../../src/adapter/lenient.js'
import { mutateJson, truncateJson } from '../../src/conformance/mutate.js'

const schemas: [string, z.ZodType][] = [
  ['ups', ups.upsTrackResponseSchema],
  ['ups', ups.upsTrackAlertSchema],
  ['fedex', fedex.fedexTrackResponseSchema],
  ['usps', usps.uspsTrackingSchema],
  ['dhl', dhl.dhlResponseSchema],
]

/**
 * The compiled decoder must accept exactly what zod accepts, and give zod's output: the same keys (present or
 * absent, `undefined` included) and values. Key order may differ: a node handed back as it is keeps the carrier's.
 */
function agrees(schema: z.ZodType, input: unknown): void {
  const fast = decoderFor(schema)(input)
  const slow = schema.safeParse(input)
  if (!slow.success) expect(fast).toBe(REJECT)
  else {
    expect(fast).toStrictEqual(slow.data)
    expect(JSON.parse(JSON.stringify(fast))).toStrictEqual(JSON.parse(JSON.stringify(slow.data)))
  }
}

describe('compiled payload decoding (regression: the fast path must never accept or shape differently from zod)', () => {
  for (const [carrier, schema] of schemas) {
    const files = readdirSync(`fixtures/${carrier}`).filter(
      (f) =>
        f.endsWith('.json') && !f.includes('.expected') && !f.includes('.http') && !f.includes('.context'),
    )
    it(`agrees with zod on ${carrier} fixtures and their damaged copies`, () => {
      for (const file of files) {
        const payload = JSON.parse(readFileSync(`fixtures/${carrier}/${file}`, 'utf8'))
        agrees(schema, payload)
        for (const mutant of [...mutateJson(payload, file, 40), ...truncateJson(payload)])
          agrees(schema, mutant.input)
      }
    })
  }
  it('agrees with zod on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const [, schema] of schemas) agrees(schema, value)
      }),
      { numRuns: 300 },
    )
  })
})

describe('hand-written decoders of the lenient building blocks (regression: they must decide exactly as zod)', () => {
  const blocks: [string, z.ZodType][] = [
    ['text', text],
    ['list(text)', list(text)],
    ['list(object)', list(zod.object({ a: text, b: list(text) }))],
    ['optionalObject', optionalObject({ a: text, n: zod.number().optional() })],
    ['nested', optionalObject({ items: list(optionalObject({ v: text })) })],
  ]
  /** Same acceptance, same output, same keys in the same order (toStrictEqual also tells absent from undefined). */
  function strictlyAgrees(schema: z.ZodType, input: unknown): void {
    const fast = decoderFor(schema)(input)
    const slow = schema.safeParse(input)
    if (!slow.success) expect(fast).toBe(REJECT)
    else {
      expect(fast).toStrictEqual(slow.data)
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data))
    }
  }
  for (const [name, schema] of blocks)
    it(`${name} on arbitrary values`, () => {
      const edge = [
        undefined,
        null,
        '',
        ' x ',
        0,
        -0,
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        true,
        [],
        {},
        [null],
      ]
      for (const value of edge) strictlyAgrees(schema, value)
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: false }), (value) => strictlyAgrees(schema, value)),
        { numRuns: 1000 },
      )
      fc.assert(
        fc.property(fc.jsonValue(), (value) => strictlyAgrees(schema, value)),
        { numRuns: 1000 },
      )
    })
})

describe('decoded arrays are the input arrays when no item changes (regression: same items, order and holes as zod)', () => {
  it('hands back the input array only when every item decodes to itself', () => {
    const list = ['a', 'b']
    expect(decoderFor(zod.array(zod.string()))(list)).toBe(list)
    const mixed = [1, 'b']
    expect(decoderFor(zod.array(text))(mixed)).toStrictEqual(['1', 'b'])
    expect(mixed).toStrictEqual([1, 'b']) // the input is never changed
    const objects = [{ a: 'x', z: 1 }]
    expect(decoderFor(zod.array(zod.object({ a: text })))(objects)).toStrictEqual([{ a: 'x' }])
    // biome-ignore lint/suspicious/noSparseArray: a hole, which zod's copy fills with undefined
    const holey = [, 'b']
    expect(decoderFor(zod.array(zod.unknown()))(holey)).toStrictEqual(zod.array(zod.unknown()).parse(holey))
  })
})

describe('loose objects are handed back as they are when nothing in them changes (regression: same value as zod)', () => {
  const event = zod.looseObject({
    when: zod.string(),
    code: zod.string().nullish(),
    n: zod.number().optional(),
  })
  it("returns the input object itself, keys in the carrier's order", () => {
    const input = { extra: { deep: 1 }, code: null, when: 'x' }
    expect(decoderFor(event)(input)).toBe(input)
    expect(Object.keys(input)).toEqual(['extra', 'code', 'when']) // never changed
  })
  it('copies when a field decodes to something else, and leaves the input unchanged', () => {
    const lenient = zod.looseObject({ t: text })
    const input = { t: 5, other: true }
    const out = decoderFor(lenient)(input)
    expect(out).not.toBe(input)
    expect(out).toStrictEqual(lenient.parse(input))
    expect(input).toStrictEqual({ t: 5, other: true })
  })
  it("copies an object with an own __proto__ key or another prototype, as zod's copy does", () => {
    const own = JSON.parse('{"when":"x","__proto__":{"polluted":true}}')
    const out = decoderFor(event)(own) as object
    expect(out).not.toBe(own)
    expect(Object.hasOwn(out, '__proto__')).toBe(false)
    expect(out).toStrictEqual(event.parse(own))
    class Scan {
      when = 'x'
    }
    const instance = new Scan()
    expect(decoderFor(event)(instance)).not.toBe(instance)
    expect(decoderFor(event)(instance)).toStrictEqual(event.parse(instance))
  })
  it('rejects exactly what zod rejects', () => {
    for (const bad of [{ code: 'a' }, { when: 1 }, { when: 'x', n: Number.NaN }, { when: 'x', n: 'one' }, []])
      expect(decoderFor(event)(bad)).toBe(REJECT)
  })
})
