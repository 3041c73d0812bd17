/**
 * Standing fuzzers over every parser that reads outside input: the X12 reader and 214 mapper, webhook signature
 * headers, the JSON carrier adapters' `normalize`, and the CSV adapter. Each input must end in a result or a
 * typed WaybillError within the per-input bound (test/hostile/budget.ts); the run length is the budget.
 */
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aftership } from '../../adapters/aftership/index.js'
import { csv } from '../../adapters/csv/index.js'
import { dhl } from '../../adapters/dhl/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { parse214, X12Reader } from '../../src/edi/index.js'
import { type SchemeId, sign, verify, verifySync } from '../../src/webhooks/index.js'
import { interchange, SIMPLE_BODY } from '../edi/build.js'
import { acmeLayout } from '../sftp/csv-partner.js'
import {
  budgetOf,
  fuzz,
  fuzzAsync,
  hostileText,
  MAX_FLOOD,
  misbehaviour,
  misbehaviourAsync,
  sizeOf,
  timeoutOf,
} from './budget.js'

const fixtures = new URL('../../fixtures/', import.meta.url)
const report = (name: string, runs: number) =>
  console.info(`hostile ${name}: ${runs} inputs, none misbehaved`)

/** Replaces or inserts hostile pieces at random places of a valid text. */
function spliced(base: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 40 }), hostileText), {
      minLength: 1,
      maxLength: 6,
    })
    .map((edits) => {
      let text = base
      for (const [at, cut, piece] of edits) {
        const i = Math.min(at, text.length)
        text = text.slice(0, i) + piece + text.slice(i + cut)
      }
      return text
    })
}

const X12_SHAPES = [
  interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }]),
  interchange([{ body: SIMPLE_BODY }], { isaVersion: '00501', isa11: '^', version: '005010' }),
  interchange([{ body: SIMPLE_BODY }], { terminator: '\n', eol: '' }),
  ...readdirSync(new URL('edi214/', fixtures))
    .filter((f) => f.endsWith('.edi'))
    .slice(0, 6)
    .map((f) => readFileSync(new URL(`edi214/${f}`, fixtures), 'latin1')),
]

/** Hostile 214 bodies: many or long L11/AT7/MS1/N1 segments, repeated elements, huge counts. */
const manySegments = fc
  .tuple(
    fc.constantFrom('L11', 'AT7', 'MS1', 'N1', 'N4', 'AT8', 'LX', 'MS2', 'K1'),
    fc.integer({ min: 1, max: MAX_FLOOD }),
    fc.array(
      hostileText.map((t) => t.replace(/[*~]/g, '').slice(0, 30)),
      { maxLength: 8 },
    ),
  )
  .map(([id, n, elements]) => {
    const seg = [id, ...elements]
    const body = [SIMPLE_BODY[0]!, ...Array.from({ length: n }, () => seg), ...SIMPLE_BODY.slice(1)]
    return interchange([{ body }], { isaVersion: '00501', isa11: '^', version: '005010' })
  })

describe('hostile X12 / 214', () => {
  it(
    'the X12 reader ends every spliced or random input in segments or a ParseError, in time',
    () => {
      const input = fc.oneof(
        fc.constantFrom(...X12_SHAPES).chain(spliced),
        fc.uint8Array({ maxLength: 2000 }),
      )
      const runs = fuzz(
        input,
        (text) =>
          misbehaviour(() => {
            const reader = new X12Reader()
            for (const _ of reader.push(typeof text === 'string' ? Buffer.from(text, 'latin1') : text)) void _
            for (const _ of reader.end()) void _
          }, sizeOf(text)),
        budgetOf('x12'),
      )
      report('x12 reader', runs)
      expect(runs).toBeGreaterThan(0)
    },
    timeoutOf('x12'),
  )

  it(
    'parse214 maps spliced files and floods of segments to shipments, warnings or a typed error, in time',
    () => {
      const input = fc.oneof(fc.constantFrom(...X12_SHAPES).chain(spliced), manySegments)
      const runs = fuzz(
        input,
        (text) => misbehaviour(() => parse214(text, { defaultZone: 'America/Chicago' }), text.length),
        budgetOf('edi214'),
      )
      report('parse214', runs)
      expect(runs).toBeGreaterThan(0)
    },
    timeoutOf('edi214'),
  )
})

const SYMMETRIC = [
  'standard-webhooks',
  'timestamped-hmac',
  'hmac',
  'easypost',
  'aftership',
  'github',
  'shopify',
] as const satisfies readonly SchemeId[]
const WHSEC = `whsec_${Buffer.alloc(32, 7).toString('base64')}`

describe('hostile webhook headers', () => {
  it(
    'verify answers every mangled signature header with a result or a typed error, in time',
    async () => {
      const rawBody = '{"event":"tracker.updated"}'
      const signed = await Promise.all(
        SYMMETRIC.map(async (scheme) => ({
          scheme,
          headers: await sign(scheme, { rawBody, secret: WHSEC, id: 'msg_1' }),
        })),
      )
      const input = fc.record({
        delivery: fc.constantFrom(...signed),
        which: fc.nat(),
        value: fc.oneof(
          hostileText,
          fc.base64String({ maxLength: 400 }).map((b) => `v1,${b}===trailing`),
          fc
            .array(fc.base64String({ maxLength: 60 }), { maxLength: 2000 })
            .map((a) => a.map((b) => `v1,${b}`).join(' ')),
          fc.array(fc.string({ maxLength: 10 }), { maxLength: 3000 }).map((a) => a.join(',')),
        ),
        async: fc.boolean(),
      })
      const runs = await fuzzAsync(
        input,
        ({ delivery, which, value, async }) => {
          const names = Object.keys(delivery.headers)
          const headers = { ...delivery.headers, [names[which % names.length]!]: value }
          const args = { rawBody, headers, secrets: [WHSEC] }
          return async
            ? misbehaviourAsync(() => verify(delivery.scheme, args), value.length)
            : Promise.resolve(misbehaviour(() => verifySync(delivery.scheme, args), value.length))
        },
        budgetOf('webhooks'),
      )
      report('webhook headers', runs)
      expect(runs).toBeGreaterThan(0)
    },
    timeoutOf('webhooks'),
  )
})

const ADAPTERS: Record<string, () => Adapter> = { ups, fedex, usps, dhl, easypost, aftership }

/** Every path of a JSON value (objects and arrays), for mutation. */
function paths(
  value: unknown,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at)
  if (out.length > 2000) return out
  if (Array.isArray(value)) for (const [i, v] of value.entries()) paths(v, [...at, i], out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out)
  return out
}

function replaceAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement
  const [head, ...rest] = at
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[head!] = replaceAt(copy[head!], rest, replacement)
  return copy
}

/** Hostile JSON values: wrong types, huge strings and arrays, deep nesting, prototype keys. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  hostileText,
  fc.constantFrom(null, true, 0, -1, Number.MAX_SAFE_INTEGER, 1e308, '', [], {}),
  fc.integer({ min: 1, max: 5000 }).map((depth) => {
    let v: unknown = 'deep'
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
    return v
  }),
  fc.integer({ min: 1, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => ({ i }))),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}')),
)

describe('hostile JSON carrier payloads', () => {
  it(
    'every adapter normalizes mutated fixtures and hostile values to a result or a typed error, in time',
    () => {
      const cases = Object.entries(ADAPTERS).flatMap(([name, make]) => {
        const adapter = make()
        return readdirSync(new URL(`${name}/`, fixtures))
          .filter(
            (f) =>
              f.endsWith('.json') &&
              !f.includes('.expected.') &&
              !f.includes('.http.') &&
              !f.includes('.context.'),
          )
          .map((f) => {
            const payload = JSON.parse(readFileSync(new URL(`${name}/${f}`, fixtures), 'utf8'))
            return { adapter, payload, where: paths(payload) }
          })
      })
      const input = fc.record({
        which: fc.constantFrom(...cases),
        edits: fc.array(fc.tuple(fc.nat(), hostileJson), { minLength: 1, maxLength: 4 }),
      })
      const runs = fuzz(
        input,
        ({ which, edits }) => {
          let payload: unknown = which.payload
          for (const [n, value] of edits)
            payload = replaceAt(payload, which.where[n % which.where.length]!, value)
          return misbehaviour(() => which.adapter.normalize(payload), sizeOf(payload))
        },
        budgetOf('adapters'),
      )
      report('JSON adapters', runs)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(runs).toBeGreaterThan(0)
    },
    timeoutOf('adapters'),
  )
})

describe('hostile CSV', () => {
  it(
    'the CSV adapter reads spliced partner files to rows, warnings or a typed error, in time',
    () => {
      const adapter = csv({ ...acmeLayout, defaultZone: 'America/Chicago' })
      const base = readFileSync(new URL('csv/acme-3pl.csv', fixtures), 'utf8')
      const runs = fuzz(
        fc.oneof(spliced(base), fc.string({ unit: 'binary', maxLength: 3000 })),
        (text) => misbehaviour(() => adapter.normalize(text), text.length),
        budgetOf('csv'),
      )
      report('CSV', runs)
      expect(runs).toBeGreaterThan(0)
    },
    timeoutOf('csv'),
  )
})
