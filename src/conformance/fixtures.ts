/** Finds the fixture cases in an adapter's fixture folder and loads their inputs and expected outputs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from '../errors/index.js'
import type { RawSource } from '../model/core.js'

const INPUT_EXTENSIONS = ['.json', '.edi', '.x12', '.csv', '.xml', '.txt'] as const
const SIDE_FILES = ['.expected.json', '.http.json', '.context.json']
/**
 * Files of a fixture folder that are not cases: `adapter-options.json` holds the options the fixtures are
 * written for (a trading partner's profile, a CSV layout), read by whoever builds the adapter under test.
 */
export const FOLDER_FILES = ['adapter-options.json', 'README.md', 'NOTICE', 'LICENSE']

export interface FixtureCase {
  /** The case name: the file name without extension. */
  name: string
  /** The payload file, when there is one. */
  inputFile?: string
  /** A recorded HTTP exchange (`<case>.http.json`), when there is one. */
  httpFile?: string
  expectedFile: string
  /** Optional `<case>.context.json`: a NormalizeContext merged into the default one. */
  contextFile?: string
}

/** Lists the cases of a fixture folder, sorted by name. Throws a ConfigError when the folder does not exist. */
export function listCases(fixturesDir: string): FixtureCase[] {
  if (!existsSync(fixturesDir)) throw new ConfigError(`fixtures folder not found: ${fixturesDir}`)
  const files = readdirSync(fixturesDir).sort()
  const cases = new Map<string, FixtureCase>()
  const get = (name: string) => {
    let c = cases.get(name)
    if (!c) {
      c = { name, expectedFile: join(fixturesDir, `${name}.expected.json`) }
      cases.set(name, c)
    }
    return c
  }
  for (const file of files) {
    if (FOLDER_FILES.includes(file)) continue
    if (file.endsWith('.http.json'))
      get(file.slice(0, -'.http.json'.length)).httpFile = join(fixturesDir, file)
    else if (file.endsWith('.context.json'))
      get(file.slice(0, -'.context.json'.length)).contextFile = join(fixturesDir, file)
    else if (SIDE_FILES.some((suffix) => file.endsWith(suffix))) continue
    else {
      const ext = INPUT_EXTENSIONS.find((e) => file.toLowerCase().endsWith(e))
      if (ext) get(file.slice(0, -ext.length)).inputFile = join(fixturesDir, file)
    }
  }
  return [...cases.values()].filter((c) => c.inputFile || c.httpFile)
}

/** Reads a case's payload: parsed JSON for `.json`, bytes for everything else. */
export function loadInput(file: string): unknown {
  const bytes = readFileSync(file)
  if (file.toLowerCase().endsWith('.json')) return JSON.parse(bytes.toString('utf8'))
  return new Uint8Array(bytes)
}

/** The raw source implied by a fixture's extension. */
export function sourceOf(file: string | undefined): RawSource {
  if (!file) return 'rest'
  const lower = file.toLowerCase()
  if (lower.endsWith('.edi') || lower.endsWith('.x12')) return 'edi'
  if (lower.endsWith('.json')) return 'rest'
  return 'file'
}

/** Reads a JSON side file, or undefined when it does not exist. */
export function readJson(file: string | undefined): unknown {
  if (!file || !existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8'))
}
