// Checks examples/ against the built package (run by .ci/run after the build): type-checks them, starts the
// Express, Fastify and Hono servers, sends each a signed delivery with the built `waybill webhook send` and a forged
// one, reads a tracking page back, stops them; calls the Next.js route handlers with Requests; bundles the Hono
// worker for the browser platform and runs it in @edge-runtime/vm in front of the Hono server.
// Usage: node scripts/examples-check.mjs (from the repository root, after `npm run build`).
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { EdgeVM } from '@edge-runtime/vm'
import { build } from 'esbuild'
import { register } from 'tsx/esm/api'
import { sign } from 'waybill/webhooks'

const run = promisify(execFile)
const root = process.cwd()
const started = performance.now()
const SECRETS = {
  EASYPOST_WEBHOOK_SECRET: 'examples-easypost-secret',
  AFTERSHIP_WEBHOOK_SECRET: 'examples-aftership-secret',
}
// The EasyPost sample `waybill webhook send easypost` posts, and the shipment it reports.
const SAMPLE_NUMBER = '9400111206213245678901'
const PAGE_PATH = `/track/usps/${SAMPLE_NUMBER}`
let failures = 0

function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`)
  if (!ok) failures++
}

async function typecheck(project) {
  try {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project])
    check(true, `type-check ${project}`)
  } catch (error) {
    check(false, `type-check ${project}`, `\n${error.stdout}${error.stderr}`)
  }
}

/** Starts an example server on a free port; resolves with its URL once it says where it listens. */
function start(example) {
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${example}/server.ts`], {
    env: { ...process.env, ...SECRETS, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${example} did not start in 30 s:\n${output}`)), 30_000)
    const onData = (chunk) => {
      output += chunk
      const match = output.match(/listening on (http:\/\/\S+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) =>
      reject(new Error(`${example} exited (${code}) before listening:\n${output}`)),
    )
  })
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode)
      child.once('exit', (code, signal) => resolve(code ?? signal))
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
    })
  return { url, stop }
}

/** `waybill webhook send` from dist: the status the endpoint answered, or the failure. */
async function send(source, url, secret) {
  const cli = join(root, 'dist/cli/index.js')
  const env = { ...process.env, WAYBILL_WEBHOOK_SECRET: secret }
  try {
    const { stdout } = await run(
      process.execPath,
      [cli, 'webhook', 'send', source, url, '--json', '--timeout', '30000'],
      { env },
    )
    return JSON.parse(stdout)
  } catch (error) {
    return error.stdout ? JSON.parse(error.stdout) : { status: 0, body: String(error.stderr ?? error) }
  }
}

async function page(url) {
  const response = await fetch(url)
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    html: await response.text(),
  }
}

async function checkServer(example, base) {
  const easypost = await send('easypost', `${base}/webhooks/easypost`, SECRETS.EASYPOST_WEBHOOK_SECRET)
  check(
    easypost.status === 200 && JSON.parse(easypost.body).events > 0,
    `${example}: signed EasyPost delivery ingested`,
    `${easypost.status} ${easypost.body}`,
  )
  const aftership = await send('aftership', `${base}/webhooks/aftership`, SECRETS.AFTERSHIP_WEBHOOK_SECRET)
  check(
    aftership.status === 200,
    `${example}: signed AfterShip delivery ingested`,
    `${aftership.status} ${aftership.body}`,
  )
  const forged = await send('easypost', `${base}/webhooks/easypost`, 'not-the-secret')
  check(
    forged.status === 401,
    `${example}: a delivery signed with another secret is refused`,
    `${forged.status}`,
  )
  const shown = await page(`${base}${PAGE_PATH}`)
  check(
    shown.status === 200 && shown.type.startsWith('text/html') && shown.html.includes(SAMPLE_NUMBER),
    `${example}: tracking page`,
    `${shown.status} ${shown.type}`,
  )
  const missing = await page(`${base}/track/usps/NOSUCHNUMBER`)
  check(missing.status === 404, `${example}: unknown shipment is 404`, `${missing.status}`)
}

async function checkNext() {
  Object.assign(process.env, SECRETS)
  const unregister = register()
  try {
    const hooks = await import(join(root, 'examples/nextjs/app/webhooks/[source]/route.ts'))
    const track = await import(join(root, 'examples/nextjs/app/track/[carrier]/[number]/route.ts'))
    const rawBody = readFileSync(join(root, 'fixtures/easypost/tracker-updated-in-transit.json'))
    const headers = await sign('easypost', { rawBody, secret: SECRETS.EASYPOST_WEBHOOK_SECRET })
    const posted = await hooks.POST(
      new Request('http://localhost/webhooks/easypost', { method: 'POST', body: rawBody, headers }),
    )
    check(
      posted.status === 200,
      'nextjs: POST route handler ingests a signed delivery',
      `${posted.status} ${await posted.text()}`,
    )
    const forged = await hooks.POST(
      new Request('http://localhost/webhooks/easypost', { method: 'POST', body: rawBody }),
    )
    check(forged.status === 401, 'nextjs: an unsigned delivery is refused', `${forged.status}`)
    const params = Promise.resolve({ carrier: 'usps', number: SAMPLE_NUMBER })
    const shown = await track.GET(new Request(`http://localhost${PAGE_PATH}`), { params })
    const html = await shown.text()
    check(
      shown.status === 200 && html.includes(SAMPLE_NUMBER),
      'nextjs: GET route handler renders the page',
      `${shown.status}`,
    )
    await (await import(join(root, 'examples/nextjs/lib/waybill.ts'))).tracker.close()
  } finally {
    await unregister()
  }
}

async function checkWorker(origin) {
  const bundled = await build({
    entryPoints: [join(root, 'examples/hono/worker.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'worker',
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  const code = bundled.outputFiles[0].text
  check(true, 'hono worker: bundles for the browser platform (no Node built-in)', `${code.length} bytes`)
  const vm = new EdgeVM()
  vm.evaluate(code)
  const env = { ORIGIN_URL: origin, ...SECRETS }
  const call = async (url, init) => {
    const response = await vm.evaluate(
      `worker.default.fetch(new Request(${JSON.stringify(url)}, ${JSON.stringify(init)}), ${JSON.stringify(env)})`,
    )
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  const body = readFileSync(join(root, 'fixtures/aftership/delivered-to-neighbour.json'), 'utf8')
  const headers = await sign('aftership', { rawBody: body, secret: SECRETS.AFTERSHIP_WEBHOOK_SECRET })
  const relayed = await call('https://edge.example/webhooks/aftership', {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
  })
  check(
    relayed.status === 200 && JSON.parse(relayed.text).ok === true,
    'hono worker: verifies at the edge and relays to the origin, which ingests',
    `${relayed.status} ${relayed.text}`,
  )
  const forged = await call('https://edge.example/webhooks/aftership', {
    method: 'POST',
    body: body.replace('Delivered', 'Exception'),
    headers,
  })
  check(
    forged.status === 401,
    'hono worker: a tampered delivery is refused at the edge',
    `${forged.status} ${forged.text}`,
  )
  const shown = await call(`https://edge.example${PAGE_PATH}`, { method: 'GET' })
  check(
    shown.status === 200 &&
      shown.text.includes(SAMPLE_NUMBER) &&
      shown.headers.get('cache-control')?.includes('s-maxage'),
    'hono worker: tracking page from the origin through the edge cache',
    `${shown.status}`,
  )
}

const servers = Object.fromEntries(['express', 'fastify', 'hono'].map((example) => [example, start(example)]))
try {
  await Promise.all([typecheck('examples/tsconfig.json'), typecheck('examples/nextjs/tsconfig.json')])
  await Promise.all(
    Object.entries(servers).map(async ([example, server]) => {
      try {
        const base = await server.url
        await checkServer(example, base)
        if (example === 'hono') await checkWorker(base)
      } catch (error) {
        check(false, example, error.message)
      }
    }),
  )
  await checkNext()
} catch (error) {
  check(false, 'examples', error.stack)
} finally {
  const codes = await Promise.all(Object.values(servers).map((server) => server.stop()))
  check(
    codes.every((code) => code === 0 || code === 'SIGTERM'),
    'every server stops on SIGTERM',
    codes.join(', '),
  )
}
console.log(
  `${failures === 0 ? 'ok  ' : 'FAIL'} examples checked in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
process.exit(failures === 0 ? 0 : 1)
