/**
 * zod building blocks for carrier payloads that are inconsistent about scalars, arrays and nulls. Adapter schemas
 * compose them so that every adapter is lenient in the same, documented ways.
 */
import { z } from 'zod'

/** A string, or a number written as one; `null` counts as missing. */
export const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)))

/** An array that may be absent, `null`, or a lone object standing for a one-element array. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
    z.array(item),
  ) as unknown as z.ZodType<z.output<T>[], unknown>
}

/** An object that may be absent or `null` (both read as absent). */
export const optionalObject = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((v) => (v === null ? undefined : v), z.object(shape).optional())
