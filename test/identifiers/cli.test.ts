import { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { register as registerDetect } from '../../cli/commands/detect.js'
import { register as registerGs1 } from '../../cli/commands/gs1.js'

let out: string[]

async function run(...args: string[]): Promise<{ stdout: string; exitCode: number }> {
  const program = new Command().exitOverride()
  registerDetect(program)
  registerGs1(program)
  process.exitCode = undefined
  await program.parseAsync(['node', 'waybill', ...args])
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { stdout: out.join(''), exitCode }
}

beforeEach(() => {
  out = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk))
    return true
  })
})
afterEach(() => vi.restoreAllMocks())

describe('waybill detect', () => {
  it('prints ranked candidates with display names, services and check-digit verdicts, normalizing spaces and case', async () => {
    const { stdout, exitCode } = await run('detect', '1z5r 8939 0357 5671 27', 'RB123456785GB')
    expect(exitCode).toBe(0)
    expect(stdout).toContain('UPS [ups] (1Z, Ground) 97% high, check digit ok')
    expect(stdout).toMatch(/\[s10\] \(S10, Letter post registered, GB\)/)
    expect(stdout).toContain('Royal Mail [royal-mail]')
  })

  it('says which number a routed USPS scan is tracked as', async () => {
    const { stdout } = await run('detect', '(420)22153(91)01026837331000039521')
    expect(stdout).toContain(
      'USPS [usps] (IMpb (420 + ZIP)) 95% high, check digit ok; tracked as 9101026837331000039521',
    )
  })

  it('--list prints every carrier with its services and formats (JSON with --json)', async () => {
    const { stdout } = await run('detect', '--list')
    expect(stdout).toContain('Canpar Express [canpar]')
    expect(stdout).toContain('  services: Next Day Air, Next Day Air Saver')
    out.length = 0
    const json = (await run('detect', '--list', '--json')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(json.find((c) => c.id === 'dpd')?.formats[0]).toMatchObject({
      name: 'Barcode (28)',
      checkDigit: true,
    })
  })

  it('rejects a call with neither numbers nor --list with a ConfigError', async () => {
    await expect(run('detect')).rejects.toThrow(/at least one tracking number/)
  })

  it('prints JSON lines with --json and exits 1 when a number matches no format', async () => {
    const { stdout, exitCode } = await run('detect', '--json', '1Z5R89390357567128', 'hello')
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0].normalized).toBe('1Z5R89390357567128')
    expect(lines[0].candidates[0]).toMatchObject({ carrier: 'ups', checksumValid: false })
    expect(lines[1].candidates).toEqual([])
    expect(exitCode).toBe(1)
  })
})

describe('waybill gs1', () => {
  it('prints each AI with its check-digit verdict and the Digital Link', async () => {
    const { stdout, exitCode } = await run('gs1', '(00)106141412345678908(421)84010001(3300)001250')
    expect(exitCode).toBe(0)
    expect(stdout).toContain('(00) SSCC: 106141412345678908  check digit ok')
    expect(stdout).toContain('(3300) GROSS WEIGHT (kg): 001250 (= 1250)')
    expect(stdout).toContain(
      'digital link:   https://id.gs1.org/00/106141412345678908?421=84010001&3300=001250',
    )
  })

  it('exits 1 and says WRONG when a check digit is bad (Digital Link input, --json)', async () => {
    const { stdout, exitCode } = await run('gs1', '--json', 'https://id.gs1.org/00/106141412345678909')
    expect(JSON.parse(stdout).elements[0]).toMatchObject({ ai: '00', checkDigitValid: false })
    expect(exitCode).toBe(1)
  })

  it('prints GS1 pairing-rule warnings', async () => {
    const { stdout } = await run('gs1', '(02)09520123456788(37)25')
    expect(stdout).toContain('warning: AI (37) requires AI (00)')
  })

  it('rejects malformed input with a ParseError naming the AI', async () => {
    await expect(run('gs1', '(00)12345')).rejects.toThrow(/AI \(00\)/)
  })
})
