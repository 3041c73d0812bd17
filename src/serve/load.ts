/**
 * `loadConfig(file)`: reads `waybill.config.{js,mjs,ts}` (its default export, or a function returning the
 * configuration) and checks it. `.js` and `.mjs` always load; a `.ts` file loads only when Node can run TypeScript
 * (a loader such as tsx, `node --import tsx`, or a Node that strips types), and the error says so otherwise.
 */
import { existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError } from '../errors/index.js'
import { parseConfig, type ServeConfig } from './config.js'

/** File names looked for, in order, when none is given. */
export const CONFIG_FILES = ['waybill.config.mjs', 'waybill.config.js', 'waybill.config.ts'] as const

/** The configuration file to read: the one given, or the first of {@link CONFIG_FILES} in `cwd`. */
export function findConfigFile(file: string | undefined, cwd = process.cwd()): string {
  if (file) {
    const path = resolve(cwd, file)
    if (!existsSync(path)) throw new ConfigError(`config: no file at ${path}`)
    return path
  }
  for (const name of CONFIG_FILES) if (existsSync(resolve(cwd, name))) return resolve(cwd, name)
  throw new ConfigError(`config: none of ${CONFIG_FILES.join(', ')} in ${cwd}; pass --config <file>`)
}

/** Whether an import failed because Node cannot run TypeScript files as they are. */
function isTypeScriptRefused(error: unknown): boolean {
  const code = (error as { code?: string })?.code
  return code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING'
}

/**
 * Imports and checks a configuration file.
 * @throws ConfigError: the file is missing, a `.ts` file without a TypeScript loader, a file that throws while
 * loading (the cause is kept), or a bad key (named by its path).
 * @example const config = await loadConfig('waybill.config.mjs')
 */
export async function loadConfig(file?: string, cwd?: string): Promise<ServeConfig> {
  const path = findConfigFile(file, cwd)
  const ext = extname(path)
  if (!['.js', '.mjs', '.ts', '.mts'].includes(ext))
    throw new ConfigError(`config: ${path}: expected a .js, .mjs or .ts file`)
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown }
  } catch (error) {
    if (isTypeScriptRefused(error))
      throw new ConfigError(
        `config: ${path} is TypeScript, and this Node cannot load it. Run with a TypeScript loader (npm i -D tsx, then NODE_OPTIONS="--import tsx" waybill serve …), or write the config as waybill.config.mjs`,
        { cause: error },
      )
    throw new ConfigError(`config: ${path} failed to load: ${(error as Error)?.message ?? error}`, {
      cause: error,
    })
  }
  let value = module.default
  if (typeof value === 'function') value = await (value as () => unknown)()
  if (value === undefined) throw new ConfigError(`config: ${path} has no default export`)
  return parseConfig(value, path)
}
