/**
 * The fast path of `parsePayload`: each zod schema compiled once into a plain decoding function that follows
 * zod's rules for the node kinds carrier schemas use, and hands everything else — and every rejection — to zod.
 */
import type { z } from 'zod'

/*
 * Why this exists and why it is shaped as it is: docs/performance.md "V8 notes". Each schema is compiled once into
 * a plain function over the node kinds carrier schemas use (object, loose object, array, string, number, boolean,
 * null, unknown, optional, nullable, union, pipe/preprocess, transform), mirroring zod's rules exactly: key
 * presence (optin/optout), stripped or kept unknown keys, first matching union option.
 * A decoder returns REJECT exactly when zod would report an issue; then zod itself runs and names the error.
 * Anything else (checks, refinements, defaults, discriminated unions...) is handed to zod for that node.
 */
export const REJECT: unique symbol = Symbol('reject')
type Decoder = (value: unknown) => unknown
interface ZodInternals {
  def: {
    type: string
    checks?: unknown[]
    coerce?: boolean
    shape?: Record<string, z.ZodType>
    catchall?: z.ZodType
    element?: z.ZodType
    innerType?: z.ZodType
    options?: z.ZodType[]
    discriminator?: unknown
    inclusive?: boolean
    in?: z.ZodType
    out?: z.ZodType
    transform?: (value: unknown, payload: { value: unknown; issues: unknown[] }) => unknown
  }
  optin?: string
  optout?: string
}

const decoders = new WeakMap<z.ZodType, Decoder>()

export function decoderFor(schema: z.ZodType): Decoder {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    let compiled: Decoder | undefined
    decoders.set(schema, (value) => (compiled as Decoder)(value)) // a schema that reaches itself
    try {
      compiled = compile(schema)
    } catch {
      compiled = byZod(schema)
    }
    decoder = compiled
    decoders.set(schema, decoder)
  }
  return decoder
}

/**
 * Gives a schema a hand-written decoder, for the few building blocks every carrier field goes through (see
 * `lenient.ts` and docs/performance.md "V8 notes"). The decoder must accept, shape and reject exactly as zod does;
 * test/adapters/decode.test.ts checks them against zod.
 */
export function setDecoder(schema: z.ZodType, decoder: Decoder): void {
  decoders.set(schema, decoder)
  handWritten.add(schema)
}

/** Schemas given a decoder by {@link setDecoder}: never inlined as a plain type test. */
const handWritten = new WeakSet<z.ZodType>()

function internals(schema: z.ZodType): ZodInternals {
  return (schema as unknown as { _zod: ZodInternals })._zod
}

/** zod decides (exactly, for this node and below). */
function byZod(schema: z.ZodType): Decoder {
  return (value) => {
    const result = schema.safeParse(value)
    return result.success ? result.data : REJECT
  }
}

function compile(schema: z.ZodType): Decoder {
  const { def } = internals(schema)
  if (def.checks?.length || def.coerce) return byZod(schema)
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : REJECT)
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : REJECT)
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : REJECT)
    case 'null':
      return (v) => (v === null ? null : REJECT)
    case 'unknown':
    case 'any':
      return (v) => v
    case 'optional': {
      const inner = def.innerType as z.ZodType
      if (internals(inner).optin === 'defaulted') return byZod(schema)
      const decode = decoderFor(inner)
      return (v) => (v === undefined ? undefined : decode(v))
    }
    case 'nullable': {
      const decode = decoderFor(def.innerType as z.ZodType)
      return (v) => (v === null ? null : decode(v))
    }
    case 'union': {
      if (def.discriminator !== undefined || def.inclusive === false) return byZod(schema)
      const primitive = primitiveUnion(def.options ?? [])
      if (primitive) return primitive
      const options = (def.options ?? []).map(decoderFor)
      return (v) => {
        for (const option of options) {
          const out = option(v)
          if (out !== REJECT) return out
        }
        return REJECT
      }
    }
    case 'pipe': {
      const first = decoderFor(def.in as z.ZodType)
      const then = decoderFor(def.out as z.ZodType)
      return (v) => {
        const middle = first(v)
        return middle === REJECT ? REJECT : then(middle)
      }
    }
    case 'transform': {
      const transform = def.transform as NonNullable<ZodInternals['def']['transform']>
      return (v) => {
        // One payload object reused; a transform that itself parses (re-entry) gets a fresh one.
        const payload = transformDepth === 0 ? transformPayload : { value: v, issues: [] as unknown[] }
        payload.value = v
        if (payload.issues.length) payload.issues = []
        transformDepth++
        let out: unknown
        try {
          out = transform(v, payload)
        } finally {
          transformDepth--
          payload.value = undefined
        }
        return out instanceof Promise || payload.issues.length ? REJECT : out
      }
    }
    case 'array': {
      const decode = decoderFor(def.element as z.ZodType)
      return (v) => {
        if (!Array.isArray(v)) return REJECT
        // The input array itself when every item decodes to itself; a copy from the first item that does not (or
        // the first hole, which zod's copy fills with undefined).
        let out: unknown[] | undefined
        for (let i = 0; i < v.length; i++) {
          const value = v[i]
          const item = decode(value)
          if (item === REJECT) return REJECT
          if (out !== undefined) out[i] = item
          else if (item !== value || !(i in v)) {
            out = v.slice(0, i)
            out[i] = item
          }
        }
        return out ?? v
      }
    }
    case 'object':
      return compileObject(schema, def)
    default:
      return byZod(schema)
  }
}

const transformPayload: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] }
let transformDepth = 0

/** A union of plain string / number / boolean / null options (no checks) as one type test. */
function primitiveUnion(options: readonly z.ZodType[]): Decoder | undefined {
  let string = false
  let number = false
  let boolean = false
  let nul = false
  for (const option of options) {
    const { def } = internals(option)
    if (def.checks?.length || def.coerce) return undefined
    if (def.type === 'string') string = true
    else if (def.type === 'number') number = true
    else if (def.type === 'boolean') boolean = true
    else if (def.type === 'null') nul = true
    else return undefined
  }
  return (v) => {
    switch (typeof v) {
      case 'string':
        return string ? v : REJECT
      case 'number':
        return number && Number.isFinite(v) ? v : REJECT
      case 'boolean':
        return boolean ? v : REJECT
      default:
        return nul && v === null ? null : REJECT
    }
  }
}

function compileObject(schema: z.ZodType, def: ZodInternals['def']): Decoder {
  const catchall = def.catchall ? internals(def.catchall) : undefined
  const keepsUnknown = catchall?.def.type === 'unknown' && !catchall.def.checks?.length
  if (catchall && !keepsUnknown) return byZod(schema)
  const shape = def.shape ?? {}
  const keys = Object.keys(shape)
  if (keys.includes('__proto__')) return byZod(schema)
  const fields = keys.map((key) => {
    const field = shape[key] as z.ZodType
    const { optin, optout } = internals(field)
    if (optin === 'defaulted') throw new Error('defaulted field: zod decides')
    return {
      key,
      decode: decoderFor(field),
      test: typeTest(field, 'x'),
      optin,
      skipAbsent: optin === 'optional' && optout === 'optional',
    }
  })
  const known = new Set(keys)
  const generated = generateObjectDecoder(fields, known, keepsUnknown)
  if (generated) return generated
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REJECT
    const input = v as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      if (field.key in input) {
        const value = field.decode(input[field.key])
        if (value === REJECT) return REJECT
        out[field.key] = value
      } else {
        if (field.optin === undefined) return REJECT // a required key is missing
        if (field.skipAbsent) continue
        const value = field.decode(undefined)
        if (value === REJECT) return REJECT
        if (value !== undefined) out[field.key] = value
      }
    }
    if (keepsUnknown)
      for (const key in input) if (!known.has(key) && key !== '__proto__') out[key] = input[key]
    return out
  }
}

/**
 * For a node that accepts a value only as it is (a plain string, number, boolean, null or unknown node, optional or
 * nullable, without checks): a JavaScript condition over `x` that is true exactly when it accepts `x`, so that the
 * generated object decoders test such fields in line instead of calling a decoder per field. Undefined otherwise.
 */
function typeTest(schema: z.ZodType, x: string): string | undefined {
  if (handWritten.has(schema)) return undefined
  const { def } = internals(schema)
  if (def.checks?.length || def.coerce) return undefined
  switch (def.type) {
    case 'string':
      return `typeof ${x} === "string"`
    case 'number':
      return `(typeof ${x} === "number" && ${x} - ${x} === 0)` // finite (NaN and ±Infinity give NaN)
    case 'boolean':
      return `typeof ${x} === "boolean"`
    case 'null':
      return `${x} === null`
    case 'unknown':
    case 'any':
      return 'true'
    case 'optional': {
      const inner = def.innerType as z.ZodType
      if (internals(inner).optin === 'defaulted') return undefined
      const test = typeTest(inner, x)
      return test && `(${x} === undefined || ${test})`
    }
    case 'nullable': {
      const test = typeTest(def.innerType as z.ZodType, x)
      return test && `(${x} === null || ${test})`
    }
    default:
      return undefined
  }
}

/** Whether code may be generated here (`new Function`; a strict CSP forbids it): checked once. */
const canGenerate = (() => {
  try {
    return new Function('return true')() === true
  } catch {
    return false
  }
})()

/**
 * The object decoder as generated code (docs/performance.md "V8 notes"). Same rules as the loop in compileObject.
 */
interface FieldCode {
  key: string
  decode: Decoder
  test: string | undefined
  optin: string | undefined
  skipAbsent: boolean
}

function generateObjectDecoder(
  fields: readonly FieldCode[],
  known: ReadonlySet<string>,
  keepsUnknown: boolean,
): Decoder | undefined {
  if (!canGenerate) return undefined
  let body =
    'if (typeof v !== "object" || v === null || Array.isArray(v)) return REJECT\nconst out = {}\nlet r, x\n'
  fields.forEach((field, i) => {
    const k = JSON.stringify(field.key)
    if (field.test)
      body += `if (${k} in v) { x = v[${k}]; if (${field.test}) out[${k}] = x; else return REJECT }\n`
    else body += `if (${k} in v) { r = d[${i}](v[${k}]); if (r === REJECT) return REJECT; out[${k}] = r }\n`
    if (field.optin === undefined) body += 'else return REJECT\n'
    else if (!field.skipAbsent)
      body += `else { r = d[${i}](undefined); if (r === REJECT) return REJECT; if (r !== undefined) out[${k}] = r }\n`
  })
  if (keepsUnknown)
    body += 'for (const key in v) if (!known.has(key) && key !== "__proto__") out[key] = v[key]\n'
  body += 'return out'
  try {
    const make = new Function('d', 'known', 'REJECT', `return function decode(v) {\n${body}\n}`)
    const copy = make(
      fields.map((field) => field.decode),
      known,
      REJECT,
    ) as Decoder
    return keepsUnknown ? generateKeepDecoder(fields, copy) : copy
  } catch {
    return undefined
  }
}

/**
 * A loose object (unknown keys kept) whose every field decodes to itself is handed back as it is: zod's copy would
 * hold the same keys and values (in the schema's key order rather than the carrier's), and raw records stay exactly
 * what the carrier sent. Anything else — a field that decodes to something else, an
 * object with another prototype or an own `__proto__` key (which zod's copy drops) — takes the copying decoder.
 */
function generateKeepDecoder(fields: readonly FieldCode[], copy: Decoder): Decoder {
  let body =
    'if (typeof v !== "object" || v === null || Array.isArray(v)) return REJECT\n' +
    // One property read for both: it gives the prototype, or an own `__proto__` key's value (never the prototype
    // object itself in data), or undefined without the accessor (a null prototype, a hardened realm).
    'if (v.__proto__ !== objectPrototype) return copy(v)\nlet x\n'
  fields.forEach((field, i) => {
    const k = JSON.stringify(field.key)
    body += field.test
      ? `if (${k} in v) { x = v[${k}]; if (!(${field.test})) return REJECT }\n`
      : `if (${k} in v) { x = v[${k}]; if (d[${i}](x) !== x) return copy(v) }\n`
    if (field.optin === undefined) body += 'else return REJECT\n'
    else if (!field.skipAbsent) body += `else if (d[${i}](undefined) !== undefined) return copy(v)\n`
  })
  body += 'return v'
  const make = new Function(
    'd',
    'copy',
    'REJECT',
    'objectPrototype',
    `return function decode(v) {\n${body}\n}`,
  )
  return make(
    fields.map((field) => field.decode),
    copy,
    REJECT,
    Object.prototype,
  ) as Decoder
}
