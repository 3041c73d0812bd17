import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { register } from '../../cli/commands/webhook.js'

const dir = mkdtempSync(join(tmpdir(), 'waybill-webhook-cli-'))
const bodyFile = join(dir, 'body.json')
writeFileSync(bodyFile, '{"test": 2432232314}')
const official = [
  '--header',
  'webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek',
  '--header',
  'Webhook-Timestamp: 1614265330',
  '--header',
  'webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
]

async function run(args: string[]) {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  const program = new Command().exitOverride()
  register(program)
  let thrown: unknown
  try {
    await program.parseAsync(['node', 'waybill', ...args])
  } catch (error) {
    thrown = error
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
  return { stdout, stderr, exitCode: process.exitCode ?? 0, thrown }
}

describe('waybill webhook verify|sign', () => {
  beforeEach(() => {
    process.exitCode = undefined
  })
  afterEach(() => {
    process.exitCode = undefined
  })

  it('exits 0 for the official Standard Webhooks vector with an injected clock', async () => {
    const secret = ['--secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']
    const r = await run([
      'webhook',
      'verify',
      '--scheme',
      'standard-webhooks',
      ...secret,
      ...official,
      '--body-file',
      bodyFile,
      '--now',
      '1614265330',
    ])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('valid: standard-webhooks (id msg_p5jXN8AQM9LWM0D4loKWxJek)')
  })

  it('exits 1 with the reason on stderr (real clock: too old; wrong secret: no match)', async () => {
    const old = await run([
      'webhook',
      'verify',
      '--scheme',
      'standard-webhooks',
      '--secret',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      ...official,
      '--body-file',
      bodyFile,
    ])
    expect(old.exitCode).toBe(1)
    expect(old.stderr).toMatch(/^invalid: timestamp_too_old/)
    process.exitCode = undefined
    const wrong = await run([
      'webhook',
      'verify',
      '--scheme',
      'standard-webhooks',
      '--secret',
      'whsec_d3Jvbmc=',
      ...official,
      '--body-file',
      bodyFile,
      '--now',
      '1614265330',
      '--json',
    ])
    expect(wrong.exitCode).toBe(1)
    expect(JSON.parse(wrong.stdout)).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    expect(wrong.stderr).not.toContain('d3Jvbmc')
  })

  it('sign then verify round-trips, with the secret from the environment', async () => {
    process.env.WAYBILL_TEST_WEBHOOK_SECRET = 'gh-secret'
    const signed = await run([
      'webhook',
      'sign',
      '--scheme',
      'github',
      '--secret-env',
      'WAYBILL_TEST_WEBHOOK_SECRET',
      '--body-file',
      bodyFile,
    ])
    expect(signed.stdout).toMatch(/^x-hub-signature-256: sha256=[0-9a-f]{64}\n$/)
    const header = signed.stdout.trim()
    const ok = await run([
      'webhook',
      'verify',
      '--scheme',
      'github',
      '--secret-env',
      'WAYBILL_TEST_WEBHOOK_SECRET',
      '--header',
      header,
      '--body-file',
      bodyFile,
    ])
    expect(ok.exitCode).toBe(0)
    delete process.env.WAYBILL_TEST_WEBHOOK_SECRET
  })

  it('rejects an unknown scheme and a malformed --header before doing anything', async () => {
    const scheme = await run([
      'webhook',
      'verify',
      '--scheme',
      'nope',
      '--secret',
      'x',
      '--body-file',
      bodyFile,
    ])
    expect(String((scheme.thrown as Error)?.message)).toMatch(/Allowed choices/)
    const header = await run([
      'webhook',
      'verify',
      '--scheme',
      'github',
      '--secret',
      'x',
      '--header',
      'nocolon',
      '--body-file',
      bodyFile,
    ])
    expect(header.thrown).toMatchObject({ code: 'ERR_CONFIG' })
  })
})
