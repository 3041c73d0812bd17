/** Include/ignore name patterns: simple globs (`*`, `?`) or regular expressions, matched against the file name. */
import { ConfigError } from '../errors/index.js'

export type NameFilter = (name: string) => boolean

/** `*.edi` → /^[^/]*\.edi$/ ; `?` is one character; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = ''
  for (const ch of glob) {
    if (ch === '*') source += '[^/]*'
    else if (ch === '?') source += '[^/]'
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

function compile(patterns: readonly (string | RegExp)[], name: string): RegExp[] {
  if (!Array.isArray(patterns))
    throw new ConfigError(`${name} must be a list of globs or regular expressions`)
  return patterns.map((p, i) => {
    if (p instanceof RegExp) return p
    if (typeof p === 'string' && p.length > 0) return globToRegExp(p)
    throw new ConfigError(`${name}[${i}] must be a glob string or a RegExp`)
  })
}

/** A name is taken when it matches an include pattern (or there are none) and no ignore pattern. */
export function nameFilter(
  include: readonly (string | RegExp)[] | undefined,
  ignore: readonly (string | RegExp)[],
): NameFilter {
  const yes = include === undefined ? [] : compile(include, 'include')
  const no = compile(ignore, 'ignore')
  return (name) => (yes.length === 0 || yes.some((r) => r.test(name))) && !no.some((r) => r.test(name))
}
