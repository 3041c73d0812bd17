/**
 * What the source files statically reachable from an entry import, for the architecture tests that keep entries
 * light (#26). Type-only imports and `import()` are left out: they load nothing at import.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The files reached, the packages they import and the Node built-ins they import (`node:` specifiers). */
export interface StaticImports {
  files: Set<string>
  packages: Set<string>
  builtins: Set<string>
}

/** The static import graph of `entry` (an absolute path of a .ts file under src/). */
export function staticImports(entry: string): StaticImports {
  const found: StaticImports = { files: new Set(), packages: new Set(), builtins: new Set() }
  const visit = (file: string) => {
    if (found.files.has(file)) return
    found.files.add(file)
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?\bfrom\s+'([^']+)'/gm),
      ...text.matchAll(/^import\s+'([^']+)'/gm),
    ].map((m) => m[1]!)
    for (const specifier of specifiers) {
      if (specifier.startsWith('.'))
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))
      else if (specifier.startsWith('node:')) found.builtins.add(specifier)
      else found.packages.add(specifier)
    }
  }
  visit(entry)
  return found
}
