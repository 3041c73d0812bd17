/**
 * The hostile suite's budget and checks. `WAYBILL_HOSTILE_BUDGET_MS` (default 20 s) is the whole suite's time,
 * shared by the fuzzers by weight; CI runs the default, `WAYBILL_HOSTILE_BUDGET_MS=600000 npm run test:hostile`
 * runs ten minutes. Each input must end in a result or a typed `WaybillError` within `PER_INPUT_MS`: anything
 * else (a TypeError, a RangeError from deep recursion, a hang) fails with the input that caused it.
 */
import fc from 'fast-check'
import { isWaybillError } from '../../src/errors/index.js'

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number of ms (got ${raw})`)
  return value
}

/** The whole suite's time. */
export const BUDGET_MS = positiveEnv('WAYBILL_HOSTILE_BUDGET_MS', 20_000)
/** The longest a small input may take (a loaded 2-core CI machine included); past it the input is reported. */
export const PER_INPUT_MS = positiveEnv('WAYBILL_HOSTILE_PER_INPUT_MS', 5_000)
/**
 * Extra time allowed per KiB of input (linear: 5 ms/KiB is 200 KiB/s, far below any linear parser), so a
 * quadratic path on a big input goes past its bound while a big linear input does not.
 */
export const MS_PER_KIB = positiveEnv('WAYBILL_HOSTILE_MS_PER_KIB', 5)
/** The most segments/rows a generated flood has: larger with a larger budget. */
export const MAX_FLOOD = BUDGET_MS >= 120_000 ? 100_000 : 20_000

/** The time bound of one input of `bytes` bytes. */
export function boundOf(bytes: number): number {
  return PER_INPUT_MS + (bytes / 1024) * MS_PER_KIB
}

/** The size of an input for its time bound: string length, byte length, or its JSON length. */
export function sizeOf(input: unknown): number {
  if (typeof input === 'string') return input.length
  if (input instanceof Uint8Array) return input.byteLength
  try {
    return JSON.stringify(input)?.length ?? 0
  } catch {
    return 0
  }
}

/** Weights of the fuzzers (sum 100): the share of the budget each one gets. */
export const SHARES = {
  x12: 20,
  edi214: 15,
  webhooks: 15,
  adapters: 20,
  csv: 10,
  crashLoop: 20,
} as const

export function budgetOf(part: keyof typeof SHARES): number {
  return Math.max(500, Math.round((BUDGET_MS * SHARES[part]) / 100))
}

/** A vitest timeout for a part: its budget plus room for the slowest input and start-up. */
export function timeoutOf(part: keyof typeof SHARES): number {
  return budgetOf(part) + boundOf(4 * MAX_FLOOD * 100) + 30_000
}

/**
 * What a hostile input did wrong, or undefined when it ended in a result or a typed error within
 * {@link boundOf}(`bytes`).
 */
export function misbehaviour(run: () => unknown, bytes = 0, bound = boundOf(bytes)): string | undefined {
  const start = performance.now()
  let error: unknown
  try {
    run()
  } catch (caught) {
    error = caught
  }
  const ms = performance.now() - start
  if (ms > bound) return `took ${Math.round(ms)} ms (bound ${Math.round(bound)} ms for ${bytes} bytes)`
  if (error === undefined || isWaybillError(error)) return undefined
  const name = error instanceof Error ? error.constructor.name : typeof error
  return `untyped ${name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500)
}

/** The async form of {@link misbehaviour}. */
export async function misbehaviourAsync(
  run: () => Promise<unknown>,
  bytes = 0,
  bound = boundOf(bytes),
): Promise<string | undefined> {
  const start = performance.now()
  let error: unknown
  try {
    await run()
  } catch (caught) {
    error = caught
  }
  const ms = performance.now() - start
  if (ms > bound) return `took ${Math.round(ms)} ms (bound ${Math.round(bound)} ms for ${bytes} bytes)`
  if (error === undefined || isWaybillError(error)) return undefined
  const name = error instanceof Error ? error.constructor.name : typeof error
  return `untyped ${name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500)
}

/**
 * Replays a reported failure: `WAYBILL_HOSTILE_SEED=<seed> WAYBILL_HOSTILE_PATH=<path>` (from the failure's
 * `{ seed, path }` line) with `-t '<test name>'`.
 */
function replay(): { seed?: number; path?: string } {
  const seed = process.env.WAYBILL_HOSTILE_SEED
  if (!seed) return {}
  return {
    seed: Number(seed),
    ...(process.env.WAYBILL_HOSTILE_PATH ? { path: process.env.WAYBILL_HOSTILE_PATH } : {}),
  }
}

/**
 * Runs a property for `budgetMs` (as many inputs as fit), failing on the first input that misbehaves; returns how
 * many inputs ran, for the summary line.
 */
export function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => string | undefined,
  budgetMs: number,
): number {
  let runs = 0
  fc.assert(
    fc.property(arbitrary, (input) => {
      runs++
      const problem = check(input)
      if (problem) throw new Error(problem)
    }),
    {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: budgetMs,
      markInterruptAsFailure: false,
      ...replay(),
    },
  )
  return runs
}

export async function fuzzAsync<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<string | undefined>,
  budgetMs: number,
): Promise<number> {
  let runs = 0
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      runs++
      const problem = await check(input)
      if (problem) throw new Error(problem)
    }),
    {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: budgetMs,
      markInterruptAsFailure: false,
      ...replay(),
    },
  )
  return runs
}

/** Hostile text: long runs, separators, control characters, deep nesting, huge numbers. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom('*', '~', '^', ':', ',', '=', ';', ' ', '\0', '\n', '\\', '"', '{', '['),
      fc.integer({ min: 1, max: 20_000 }),
    )
    .map(([c, n]) => c.repeat(n)),
  fc.constantFrom(
    '',
    'null',
    'NaN',
    '-0',
    '1e309',
    '9'.repeat(400),
    '\uD800',
    '\uFEFF',
    '%00',
    '../'.repeat(50),
  ),
)
