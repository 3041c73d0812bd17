/**
 * zod building blocks for carrier payloads that are inconsistent about scalars, arrays and nulls. Adapter schemas
 * compose them so that every adapter is lenient in the same, documented ways. Each also has a hand-written
 * decoder for `parsePayload`'s fast path (nearly every carrier field goes through one of them); the property test
 * in test/adapters/decode.test.ts checks that they decide exactly as zod does.
 */
import { z } from 'zod'
import { decoderFor, REJECT, setDecoder } from './decode.js'

/** A string, or a number written as one; `null` counts as missing. */
export const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)))

setDecoder(text, (v) =>
  typeof v === 'string'
    ? v
    : v === undefined || v === null
      ? undefined
      : typeof v === 'number' && Number.isFinite(v)
        ? String(v)
        : REJECT,
)

/** An array that may be absent, `null`, or a lone object standing for a one-element array. */
export function list<T extends z.ZodType>(item: T) {
  const schema = z.preprocess(
    (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
    z.array(item),
  ) as unknown as z.ZodType<z.output<T>[], unknown>
  let decodeItem: ((value: unknown) => unknown) | undefined
  setDecoder(schema, (v) => {
    if (v === undefined || v === null) return []
    decodeItem ??= decoderFor(item)
    if (!Array.isArray(v)) {
      const one = decodeItem(v)
      return one === REJECT ? REJECT : [one]
    }
    const out = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) {
      const decoded = decodeItem(v[i])
      if (decoded === REJECT) return REJECT
      out[i] = decoded
    }
    return out
  })
  return schema
}

/** An object that may be absent or `null` (both read as absent). */
export const optionalObject = <S extends z.ZodRawShape>(shape: S) => {
  const object = z.object(shape)
  const schema = z.preprocess((v) => (v === null ? undefined : v), object.optional())
  let decodeObject: ((value: unknown) => unknown) | undefined
  setDecoder(schema, (v) => {
    if (v === undefined || v === null) return undefined
    decodeObject ??= decoderFor(object)
    return decodeObject(v)
  })
  return schema
}
