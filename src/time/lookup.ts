/**
 * Shared machinery for the region tables: how a place (region, postal code, city) is matched against a
 * country's table. The tables themselves live in `regions-*.ts`.
 */
import { nameKey } from './text.js'

/** A place prepared for lookup: keys are {@link nameKey}s, `postal` is upper case without spaces. */
export interface PlaceQuery {
  region?: string
  postal?: string
  city?: string
}

/**
 * A region whose zone depends on where inside it the place is.
 * - `postal`: prefix ranges → zone (`'798-799'`, `'885'`, `'79821'`); longer prefixes are checked first.
 * - `rest`: the zone of every other valid postal code of the region.
 * - `cities`: zone → `|`-separated city names (major cities on each side of the line).
 * - `majority`: the zone used when neither postal code nor city decides it. Only set where the other zones
 *   cover a tiny share of the region (a few percent of its people at most); otherwise the answer is `undefined`.
 */
export interface Split {
  postal?: Readonly<Record<string, string>>
  rest?: string
  cities?: Readonly<Record<string, string>>
  majority?: string
}

/** A region's zone: one IANA zone, or a {@link Split}. */
export type RegionSpec = string | Split

interface CompiledSplit {
  ranges: { lo: string; hi: string; zone: string }[]
  rest?: string
  cities: Map<string, string>
  majority?: string
}

const compiled = new WeakMap<Split, CompiledSplit>()

function compile(split: Split): CompiledSplit {
  let c = compiled.get(split)
  if (c) return c
  const ranges = Object.entries(split.postal ?? {}).map(([range, zone]) => {
    const [lo, hi = lo] = range.split('-') as [string, string?]
    return { lo, hi, zone }
  })
  ranges.sort((a, b) => b.lo.length - a.lo.length)
  const cities = new Map<string, string>()
  for (const [zone, names] of Object.entries(split.cities ?? {})) {
    for (const name of names.split('|')) cities.set(nameKey(name), zone)
  }
  c = { ranges, rest: split.rest, cities, majority: split.majority }
  compiled.set(split, c)
  return c
}

/** The zone of the first prefix range that contains `postal`, longest prefixes first. */
export function matchPostal(ranges: CompiledSplit['ranges'], postal: string): string | undefined {
  for (const { lo, hi, zone } of ranges) {
    if (postal.length < lo.length) continue
    const head = postal.slice(0, lo.length)
    if (head >= lo && head <= hi) return zone
  }
  return undefined
}

/** Resolves a region spec for a place: postal code first, then city, then the majority zone (if any). */
export function resolveSpec(spec: RegionSpec, q: PlaceQuery): string | undefined {
  if (typeof spec === 'string') return spec
  const c = compile(spec)
  if (q.postal) {
    const zone = matchPostal(c.ranges, q.postal) ?? c.rest
    if (zone) return zone
  }
  if (q.city) {
    const zone = c.cities.get(q.city)
    if (zone) return zone
  }
  return c.majority
}

/** Words that carry no identity in region names ("Moscow Oblast", "State of Mexico", "Province of Ontario"). */
const FILLER =
  /\b(oblast|oblastj|obl|krai|kray|region|province|provincia|state|estado|republic|respublika|autonomous|okrug|ao|district|territory|prefecture|of|the|de|del|do|da)\b/g

/** A region table: each entry is `'CODE|Name|Other name'` → spec; keys are matched by {@link nameKey}. */
export class RegionTable {
  readonly #entries: readonly (readonly [string, RegionSpec])[]
  /** Built on the first lookup, not at import (the tables hold a few thousand names). */
  #exact: Map<string, RegionSpec> | undefined
  #loose: Map<string, RegionSpec> | undefined

  constructor(entries: readonly (readonly [string, RegionSpec])[]) {
    this.#entries = entries
  }

  /** The spec for a region key (`tx`, `us tx`, `texas`, `moscow oblast`), or undefined. */
  get(regionKey: string, countryCode: string): RegionSpec | undefined {
    const exact = this.#exact ?? this.#build()
    const prefix = `${countryCode.toLowerCase()} `
    const key = regionKey.startsWith(prefix) ? regionKey.slice(prefix.length) : regionKey
    return exact.get(key) ?? exact.get(regionKey) ?? this.#loose!.get(stripFiller(key))
  }

  #build(): Map<string, RegionSpec> {
    const exact = new Map<string, RegionSpec>()
    const loose = new Map<string, RegionSpec>()
    for (const [names, spec] of this.#entries) {
      for (const name of names.split('|')) {
        const key = nameKey(name)
        exact.set(key, spec)
        const stripped = stripFiller(key)
        if (stripped && !loose.has(stripped)) loose.set(stripped, spec)
      }
    }
    this.#loose = loose
    this.#exact = exact
    return exact
  }
}

function stripFiller(key: string): string {
  return key.replace(FILLER, ' ').replace(/\s+/g, ' ').trim()
}

/** A resolver for one country: place → IANA zone, or undefined when the place does not decide it. */
export type CountryResolver = (q: PlaceQuery) => string | undefined

/**
 * A resolver for a country with one main zone and a few exceptions (islands, exclaves).
 * The main zone is used when the place names a region, postal code or city that is not an exception;
 * a bare country code gives `bare` (set only where every zone of the country keeps the same clock).
 */
export function mainWithExceptions(opts: {
  main: string
  regions?: RegionTable
  country: string
  exceptions?: Split
  postal?: (raw: string) => string | undefined
  bare?: string
}): CountryResolver {
  return (q) => {
    const postal = q.postal && opts.postal ? opts.postal(q.postal) : q.postal
    const place = { ...q, postal }
    if (q.region && opts.regions) {
      const spec = opts.regions.get(q.region, opts.country)
      if (spec !== undefined) return resolveSpec(spec, place)
    }
    if (opts.exceptions) {
      const zone = resolveSpec({ ...opts.exceptions, rest: undefined, majority: undefined }, place)
      if (zone) return zone
    }
    if (q.region || postal || q.city) return opts.main
    return opts.bare
  }
}

/** A resolver for a country fully divided into regions (every region listed). */
export function byRegion(
  country: string,
  regions: RegionTable,
  postal?: (raw: string) => string | undefined,
): CountryResolver {
  return (q) => {
    if (!q.region) return undefined
    const spec = regions.get(q.region, country)
    if (spec === undefined) return undefined
    return resolveSpec(spec, { ...q, postal: q.postal && postal ? postal(q.postal) : q.postal })
  }
}
