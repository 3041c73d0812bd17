/**
 * The conformance checks, shared by `testAdapter` (vitest) and `runConformance` (plain report, CLI, CI).
 * Each fixture case gets: golden output, schema, offsets, ids, order, derived status, unknown codes,
 * robustness under damage, and — for recorded exchanges — the `track()` path on a loopback server.
 */
import { writeFileSync } from 'node:fs'
import type { Adapter, NormalizeContext } from '../adapter/index.js'
import { trackAndNormalize } from '../adapter/track-and-normalize.js'
import { isWaybillError } from '../errors/index.js'
import {
  deriveStatus,
  ISO_WITH_OFFSET,
  type NormalizeResult,
  normalizeResultSchema,
  sortEvents,
  wallTimeOf,
} from '../model/index.js'
import { type Difference, describeDifference, firstDifference } from './diff.js'
import { type FixtureCase, loadInput, readJson, sourceOf } from './fixtures.js'
import { parseHttpFixture, startReplayServer } from './http-replay.js'
import { type Mutant, mutateBytes, mutateJson, truncateJson } from './mutate.js'
import { missingZoneCheck, zonesCheck } from './zone-checks.js'

export const CHECKS = [
  'golden',
  'schema',
  'offsets',
  'ids',
  'order',
  'status',
  'unknown-codes',
  'raw-records',
  'robustness',
  'input-unchanged',
  'zones',
  'missing-zone',
  'track',
] as const
export type CheckName = (typeof CHECKS)[number]

export interface CheckResult {
  case: string
  check: CheckName | 'coverage'
  status: 'pass' | 'fail' | 'skip'
  message?: string
  difference?: Difference
}

export interface ConformanceOptions {
  /** The adapter under test. */
  adapter: Adapter
  /** The folder of `<case>.<ext>` + `<case>.expected.json` (+ `.http.json`, `.context.json`). */
  fixturesDir: string
  /** Builds the adapter against a loopback base URL, for `.http.json` cases. Without it those are skipped. */
  connect?: (baseUrl: string) => Adapter
  /** Rewrite every expected file from the actual output (for adapter authors). @default false */
  update?: boolean
  /** Mutated copies per fixture in the robustness check. @default 60 */
  mutations?: number
}

type Outcome = { result: NormalizeResult } | { error: unknown }

interface ExpectedError {
  error: { name?: string; code?: string; path?: string }
}

/** The golden form of a result: JSON, with each shipment's payload audit copy (`raw`) left out. */
export function toGolden(result: NormalizeResult): unknown {
  const json = JSON.parse(JSON.stringify(result)) as { shipments: Record<string, unknown>[] }
  for (const shipment of json.shipments) delete shipment.raw
  return json
}

function errorGolden(error: unknown): ExpectedError {
  const e = error as { name?: string; code?: string; path?: string }
  return { error: { name: e?.name, code: e?.code, ...(e?.path ? { path: e.path } : {}) } }
}

function contextFor(c: FixtureCase): NormalizeContext {
  const extra = (readJson(c.contextFile) ?? {}) as NormalizeContext
  return { source: sourceOf(c.inputFile), origin: c.name, ...extra }
}

function normalizeOutcome(adapter: Adapter, input: unknown, ctx: NormalizeContext): Outcome {
  try {
    return { result: adapter.normalize(input, ctx) }
  } catch (error) {
    return { error }
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/** Compares an outcome with the expected file; writes it instead in update mode. */
function compareGolden(c: FixtureCase, outcome: Outcome, update: boolean, check: CheckName): CheckResult {
  const actual = 'result' in outcome ? toGolden(outcome.result) : errorGolden(outcome.error)
  if ('error' in outcome && !isWaybillError(outcome.error))
    return {
      case: c.name,
      check,
      status: 'fail',
      message: `threw a non-waybill error: ${errorText(outcome.error)}`,
    }
  if (update) {
    // A case named as malformed input must be refused (ParseError/ValidationError or another typed error), and a
    // case that is not must not be refused as malformed: --update records nothing else.
    const namedMalformed = /(^|[-_.])(malformed|truncated)([-_.]|$)/i.test(c.name)
    const refusedInput =
      'error' in outcome &&
      ['ParseError', 'ValidationError'].includes(errorGolden(outcome.error).error.name ?? '')
    if (namedMalformed && !('error' in outcome))
      return {
        case: c.name,
        check,
        status: 'fail',
        message:
          'not recorded: the case is named as malformed but normalize returned a result (rename the case, or make the adapter refuse the input)',
      }
    if (!namedMalformed && refusedInput)
      return {
        case: c.name,
        check,
        status: 'fail',
        message: `not recorded: normalize refused the input as malformed (${errorText((outcome as { error: unknown }).error)}); name the case "malformed-…" if that is right`,
      }
    writeFileSync(c.expectedFile, `${JSON.stringify(actual, null, 2)}\n`)
    return { case: c.name, check, status: 'pass', message: 'expected file rewritten' }
  }
  const expected = readJson(c.expectedFile)
  if (expected === undefined)
    return {
      case: c.name,
      check,
      status: 'fail',
      message: `no ${c.name}.expected.json (run with --update to write it)`,
    }
  if ((expected as Partial<ExpectedError>).error && 'error' in outcome) {
    const want = (expected as ExpectedError).error
    const got = errorGolden(outcome.error).error
    const d =
      firstDifference(want.name, got.name, '$.error.name') ??
      firstDifference(want.code, got.code, '$.error.code') ??
      (want.path === undefined ? undefined : firstDifference(want.path, got.path, '$.error.path'))
    return d
      ? { case: c.name, check, status: 'fail', message: describeDifference(d), difference: d }
      : { case: c.name, check, status: 'pass' }
  }
  const d = firstDifference(expected, actual)
  if (!d) return { case: c.name, check, status: 'pass' }
  const hint = 'error' in outcome ? ` (normalize threw ${errorText(outcome.error)})` : ''
  return { case: c.name, check, status: 'fail', message: describeDifference(d) + hint, difference: d }
}

/** The invariant checks on one successful result. */
function invariants(name: string, result: NormalizeResult, again: Outcome): CheckResult[] {
  const out: CheckResult[] = []
  const fail = (check: CheckName, message: string) => out.push({ case: name, check, status: 'fail', message })
  const pass = (check: CheckName) => out.push({ case: name, check, status: 'pass' })

  const parsed = normalizeResultSchema.safeParse(result)
  if (parsed.success) pass('schema')
  else {
    const issue = parsed.error.issues[0]
    fail('schema', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }

  const events = result.shipments.flatMap((s, si) =>
    s.events.map((e, ei) => ({ e, at: `shipments[${si}].events[${ei}]` })),
  )
  // An event whose zone is unknown carries its local time without offset (the schema ties the two together).
  const badOffset = events.find(({ e }) =>
    e.zoneSource === 'unknown'
      ? Number.isNaN(wallTimeOf(e.occurredAt))
      : !ISO_WITH_OFFSET.test(e.occurredAt) || Number.isNaN(Date.parse(e.occurredAt)),
  )
  if (badOffset)
    fail('offsets', `${badOffset.at}.occurredAt '${badOffset.e.occurredAt}' is not ISO 8601 with an offset`)
  else pass('offsets')

  const ids = new Set<string>()
  const dup = events.find(({ e }) => {
    if (ids.has(e.id)) return true
    ids.add(e.id)
    return false
  })
  const againIds = 'result' in again ? again.result.shipments.flatMap((s) => s.events.map((e) => e.id)) : []
  const firstIds = events.map(({ e }) => e.id)
  if (dup) fail('ids', `${dup.at}.id '${dup.e.id}' is not unique`)
  else if ('error' in again) fail('ids', `a second run threw: ${errorText(again.error)}`)
  else if (firstIds.join() !== againIds.join())
    fail('ids', 'event ids differ between two runs on the same input')
  else pass('ids')

  const unordered = result.shipments.findIndex((s) => sortEvents(s.events).some((e, i) => e !== s.events[i]))
  if (unordered >= 0) fail('order', `shipments[${unordered}].events are not in instant order`)
  else pass('order')

  const wrongStatus = result.shipments.findIndex(
    (s) => s.events.length > 0 && deriveStatus(s.events).status !== s.status,
  )
  if (wrongStatus >= 0) {
    const s = result.shipments[wrongStatus]!
    fail(
      'status',
      `shipments[${wrongStatus}].status is '${s.status}' but its events give '${deriveStatus(s.events).status}'`,
    )
  } else pass('status')

  const unknown = events.filter(({ e }) => e.status === 'unknown')
  const unwarned = unknown.find(
    ({ e }) =>
      (e.raw.code === undefined && e.raw.text === undefined) ||
      !result.warnings.some(
        (w) =>
          w.code === 'unknown_code' && (e.raw.code === undefined || w.rawCode === e.raw.code.toUpperCase()),
      ),
  )
  if (unwarned)
    fail('unknown-codes', `${unwarned.at} is 'unknown' without its raw code kept and an unknown_code warning`)
  else pass('unknown-codes')

  // Every event shows the carrier's record it came from (the scan object, the EDI status loop, the CSV row), so
  // that a mapping can be checked against it and history rebuilt.
  const rawless = events.find(({ e }) => e.raw.record === undefined || e.raw.record === null)
  if (rawless)
    fail('raw-records', `${rawless.at}.raw.record is missing: keep the carrier's record of each event`)
  else pass('raw-records')
  return out
}

function robustness(
  adapter: Adapter,
  c: FixtureCase,
  input: unknown,
  ctx: NormalizeContext,
  limit: number,
): CheckResult {
  const mutants: Mutant[] =
    input instanceof Uint8Array
      ? mutateBytes(input, c.name, limit)
      : [...mutateJson(input, c.name, limit), ...truncateJson(input)]
  const failures: string[] = []
  for (const mutant of mutants) {
    const outcome = normalizeOutcome(adapter, mutant.input, ctx)
    if ('error' in outcome) {
      if (!isWaybillError(outcome.error)) failures.push(`${mutant.label}: threw ${errorText(outcome.error)}`)
    } else if (!normalizeResultSchema.safeParse(outcome.result).success) {
      failures.push(`${mutant.label}: returned output that does not match the schema`)
    }
    if (failures.length >= 3) break
  }
  return failures.length
    ? { case: c.name, check: 'robustness', status: 'fail', message: failures.join('; ') }
    : { case: c.name, check: 'robustness', status: 'pass', message: `${mutants.length} damaged copies` }
}

/**
 * `normalize` must leave its payload as it was: the result may share the payload's objects (decoders hand back
 * unchanged nodes, and `raw` keeps the carrier's records), so a change would reach the caller's data and the
 * audit copies. Compared as JSON (or bytes) before and after, on a copy of the fixture.
 */
function inputUnchanged(
  adapter: Adapter,
  c: FixtureCase,
  input: unknown,
  ctx: NormalizeContext,
): CheckResult {
  const copy = input instanceof Uint8Array ? input.slice() : structuredClone(input)
  const before = input instanceof Uint8Array ? Array.from(input) : JSON.parse(JSON.stringify(input))
  normalizeOutcome(adapter, copy, ctx)
  const after = copy instanceof Uint8Array ? Array.from(copy) : JSON.parse(JSON.stringify(copy) ?? 'null')
  const d = firstDifference(before, after, '$input')
  return d
    ? {
        case: c.name,
        check: 'input-unchanged',
        status: 'fail',
        message: `normalize changed its input: ${describeDifference(d)}`,
        difference: d,
      }
    : { case: c.name, check: 'input-unchanged', status: 'pass' }
}

async function trackCase(options: ConformanceOptions, c: FixtureCase): Promise<CheckResult[]> {
  const { adapter, connect } = options
  if (!adapter.capabilities.track)
    return [{ case: c.name, check: 'track', status: 'skip', message: 'adapter does not declare track' }]
  if (!connect)
    return [{ case: c.name, check: 'track', status: 'skip', message: 'no connect(baseUrl) given' }]
  const fixture = parseHttpFixture(readJson(c.httpFile), c.httpFile!)
  const server = await startReplayServer(fixture.exchanges)
  let outcome: Outcome
  try {
    const connected = connect(server.baseUrl)
    const merged: NormalizeResult = { shipments: [], notFound: [], warnings: [] }
    for (const entry of fixture.track) {
      const numbers = Array.isArray(entry) ? entry : [entry]
      const { payloads } = await trackAndNormalize(connected, numbers, { origin: c.name })
      for (const { result: r, error } of payloads) {
        if (!r) throw error
        merged.shipments.push(...r.shipments)
        merged.notFound.push(...r.notFound)
        merged.warnings.push(...r.warnings)
      }
    }
    outcome = { result: merged }
  } catch (error) {
    outcome = { error }
  } finally {
    await server.close()
  }
  const results: CheckResult[] = []
  if (server.problems.length)
    results.push({
      case: c.name,
      check: 'track',
      status: 'fail',
      message: `server saw: ${server.problems.join('; ')}`,
    })
  else if (server.served() < fixture.exchanges.length)
    results.push({
      case: c.name,
      check: 'track',
      status: 'fail',
      message: `only ${server.served()} of ${fixture.exchanges.length} recorded exchanges were requested`,
    })
  const golden = compareGolden(c, outcome, options.update === true && !c.inputFile, 'track')
  if (!results.length || golden.status === 'fail') results.push(golden)
  return results
}

/** Runs every check for one fixture case. */
export async function runCase(options: ConformanceOptions, c: FixtureCase): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  if (c.inputFile) {
    const ctx = contextFor(c)
    const input = loadInput(c.inputFile)
    const outcome = normalizeOutcome(options.adapter, input, ctx)
    results.push(compareGolden(c, outcome, options.update === true, 'golden'))
    if ('result' in outcome)
      results.push(...invariants(c.name, outcome.result, normalizeOutcome(options.adapter, input, ctx)))
    results.push(zonesCheck(c.name, outcome))
    results.push(missingZoneCheck(options.adapter, c.name, input, ctx, outcome))
    results.push(robustness(options.adapter, c, input, ctx, options.mutations ?? 60))
    results.push(inputUnchanged(options.adapter, c, input, ctx))
  }
  if (c.httpFile) results.push(...(await trackCase(options, c)))
  return results
}

/** Adapter-level check: at least one fixture exercises a code that is not in the adapter's table. */
export function coverageCheck(options: ConformanceOptions, cases: readonly FixtureCase[]): CheckResult {
  for (const c of cases) {
    if (!c.inputFile) continue
    const outcome = normalizeOutcome(options.adapter, loadInput(c.inputFile), contextFor(c))
    if (
      'result' in outcome &&
      outcome.result.shipments.some((s) => s.events.some((e) => e.status === 'unknown'))
    )
      return {
        case: '(adapter)',
        check: 'coverage',
        status: 'pass',
        message: `unknown code exercised by ${c.name}`,
      }
  }
  return {
    case: '(adapter)',
    check: 'coverage',
    status: 'fail',
    message:
      'no fixture has an event with an unknown carrier code: add one to prove unknown codes map to unknown',
  }
}
