/**
 * `waybill serve` as a process: it prints where it listens, serves a configuration, stops on SIGTERM with exit
 * code 0 after finishing its work, refuses a bad configuration naming the key, and `--demo` serves the demo's
 * carriers with signed page links.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sign } from '../../src/webhooks/index.js'

const dir = mkdtempSync(join(tmpdir(), 'waybill-serve-cli-'))
const adapterUrl = new URL('../../adapters/easypost/index.ts', import.meta.url).href
const SECRET = 'serve-cli-webhook-secret'

function serve(args: string[]): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (err += chunk))
  return { child, out: () => out, err: () => err }
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })

describe('waybill serve', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serves a configuration file and stops on SIGTERM with exit code 0', async () => {
    const file = join(dir, 'waybill.config.mjs')
    writeFileSync(
      file,
      [
        `import { easypost } from ${JSON.stringify(adapterUrl)}`,
        'export default {',
        '  adapters: [easypost()],',
        `  webhooks: [{ name: 'easypost', adapter: 'easypost', secret: ${JSON.stringify(SECRET)} }],`,
        '  timers: false,',
        '}',
      ].join('\n'),
    )
    const run = serve(['--config', file, '--port', '0'])
    try {
      await until(() => /listening on http:\/\/\S+/.test(run.out()), 30_000)
      const url = run.out().match(/listening on (http:\/\/\S+)/)?.[1]
      expect(url, run.err()).toBeDefined()
      expect(run.out()).toContain(`POST ${url}/webhooks/easypost`)
      expect((await fetch(`${url}/healthz`)).status).toBe(200)
      const body = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
      const headers = await sign('easypost', { rawBody: body, secret: SECRET })
      expect((await fetch(`${url}/webhooks/easypost`, { method: 'POST', body, headers })).status).toBe(200)
      run.child.kill('SIGTERM')
      expect(await exited(run.child)).toBe(0)
      expect(run.err()).toContain('shutting down')
    } finally {
      run.child.kill('SIGKILL')
    }
  }, 60_000)

  it('refuses a bad configuration with the key path and exit code 1', async () => {
    const file = join(dir, 'bad.config.mjs')
    writeFileSync(
      file,
      `import { easypost } from ${JSON.stringify(adapterUrl)}\nexport default { adapters: [easypost()], server: { port: 'eighty' } }\n`,
    )
    const run = serve(['--config', file])
    expect(await exited(run.child)).toBe(1)
    expect(run.err()).toContain('ERR_CONFIG')
    expect(run.err()).toContain('server.port: expected number, got string')
  }, 60_000)

  it('--demo serves the demo carriers with signed page links', async () => {
    const run = serve(['--demo', '--port', '0'])
    try {
      await until(() => /\/t\/\S+\?sig=\S+/.test(run.out()), 50_000)
      const links = [...run.out().matchAll(/(http:\/\/\S+\/t\/\S+\?sig=\S+)/g)].map((m) => m[1]!)
      expect(links.length, run.err()).toBeGreaterThan(3)
      const page = await fetch(links[0]!)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<!doctype html>')
      expect(run.out()).toMatch(/webhooks {2}ups 200, easypost 200/)
      run.child.kill('SIGTERM')
      expect(await exited(run.child)).toBe(0)
    } finally {
      run.child.kill('SIGKILL')
    }
  }, 90_000)
})
