/**
 * Loads a source entry the way users run it: bundled by esbuild (as tsup builds the package) and imported as
 * plain ESM. Benches import the code they time through this, because vitest's module runner turns every import
 * into a getter read on a module object, which adds a cost per cross-module call that the published package
 * does not have. Dependencies stay external (resolved from node_modules, as in an installed package).
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Inside node_modules, so that the bundle's imports of dependencies resolve as they do for an installed package.
const outDir = path.join(repoRoot, 'node_modules', '.cache', 'waybill-bench')
mkdirSync(outDir, { recursive: true })

/** Bundles `entry` (a path from the repository root) and imports the result. */
export async function bundled<T>(entry: string): Promise<T> {
  return (await import(pathToFileURL(await bundle(entry)).href)) as T
}

/**
 * Bundles `entry` (a path from the repository root); returns the bundle's path (to import, or to run with node).
 * With `splitting`, what is imported dynamically goes into chunks of its own, loaded only when imported (as tsup
 * builds the published CLI, whose commands are loaded on demand); the entry is then `index.mjs` of a folder.
 */
export async function bundle(
  entry: string,
  { splitting = false }: { splitting?: boolean } = {},
): Promise<string> {
  const name = entry.replace(/[^\w]+/g, '_')
  const options = {
    entryPoints: { [splitting ? 'index' : name]: path.join(repoRoot, entry) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  } as const
  if (!splitting) {
    await build({ ...options, outdir: outDir })
    return path.join(outDir, `${name}.mjs`)
  }
  const dir = path.join(outDir, `${name}.split`)
  await build({ ...options, splitting: true, outdir: dir })
  return path.join(dir, 'index.mjs')
}
