// Bundles `waybill/webhooks` from the installed package for the browser, as a user's bundler would (run by .ci/run):
// the whole entry must build with no Node built-in, undici or zod, and a verify-only bundle must stay under 30 KB.
import { join } from 'node:path'
import { build } from 'esbuild'

const consumer = process.argv[2]
const LIMIT = 30_000

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: consumer, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const inputs = Object.keys(result.metafile.inputs).filter((file) => /node_modules\/(zod|undici)\//.test(file))
  return { bytes: result.outputFiles[0].contents.length, inputs }
}

const whole = await bundle(`export * from 'waybill/webhooks'`)
const verifyOnly = await bundle(`export { verify } from 'waybill/webhooks'`)
console.log(`ok   waybill/webhooks for the browser: ${whole.bytes} bytes; verify only: ${verifyOnly.bytes} bytes`)
if (whole.inputs.length || verifyOnly.inputs.length) {
  console.error(`FAIL waybill/webhooks pulls in ${[...whole.inputs, ...verifyOnly.inputs].join(', ')}`)
  process.exit(1)
}
if (verifyOnly.bytes >= LIMIT) {
  console.error(`FAIL a verify-only bundle is ${verifyOnly.bytes} bytes (limit ${LIMIT}) from ${join(consumer)}`)
  process.exit(1)
}
