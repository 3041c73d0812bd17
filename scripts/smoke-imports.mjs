// Imports every public subpath of the installed waybill package from a consumer project (run by .ci/run).
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const consumer = process.argv[2]
const pkgDir = join(consumer, 'node_modules', 'waybill')
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
const specifiers = []
for (const key of Object.keys(pkg.exports)) {
  if (key === './package.json') continue
  if (key.includes('*')) {
    for (const file of readdirSync(join(pkgDir, 'dist', 'adapters'))) {
      if (file.endsWith('.js')) specifiers.push(`waybill/adapters/${file.slice(0, -3)}`)
    }
  } else specifiers.push(key === '.' ? 'waybill' : `waybill/${key.slice(2)}`)
}
const require = createRequire(join(consumer, 'package.json'))
let failed = 0
for (const specifier of specifiers) {
  if (specifier === 'waybill/testing/vitest') continue // the vitest binding: runs only inside a vitest run
  try {
    const url = pathToFileURL(require.resolve(specifier)).href
    const mod = await import(url)
    console.log(`ok   ${specifier} (${Object.keys(mod).length} exports)`)
  } catch (error) {
    failed++
    console.error(`FAIL ${specifier}: ${error.message}`)
  }
}
// require(esm) for CommonJS users on Node >= 20.19
const cjs = require('waybill')
console.log(`ok   require('waybill') (${Object.keys(cjs).length} exports)`)
// The place data ships in the package (data/places.bin) and is found from the installed code: a town of a split
// state without a postal code is placed by its city, a Canadian postal code by its FSA.
const time = await import(pathToFileURL(require.resolve('waybill/time')).href)
const crossville = time.resolvePlace('US', { region: 'TN', city: 'Crossville' })?.timeZone
const vancouver = time.resolvePlace('CA', { postalCode: 'V6B 1A1' })?.timeZone
if (crossville === 'America/Chicago' && vancouver === 'America/Vancouver') console.log('ok   place data from data/places.bin')
else {
  failed++
  console.error(`FAIL place data: Crossville, TN → ${crossville}; V6B 1A1 → ${vancouver}`)
}
if (failed) process.exit(1)
