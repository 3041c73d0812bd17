import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readX12, readX12Sync, type Segment, X12Reader } from '../../src/edi/index.js'
import { ParseError } from '../../src/errors/index.js'
import { interchange, SIMPLE_BODY } from './build.js'

const ids = (segs: Segment[]) => segs.map((s) => s.id)
const at7 = (segs: Segment[]) =>
  segs.filter((s) => s.id === 'AT7').map((s) => [s.element(1), s.element(5), s.element(6)])

function expectSimple(input: string | Uint8Array) {
  const { segments, summary } = readX12Sync(input)
  expect(ids(segments)).toEqual(['ISA', 'GS', 'ST', 'B10', 'LX', 'AT7', 'MS1', 'SE', 'GE', 'IEA'])
  expect(at7(segments)).toEqual([['X6', '20240305', '1015']])
  expect(summary.warnings).toEqual([])
  return segments
}

describe('delimiter detection', () => {
  it('reads a plain ~ terminated file with line feeds', () => {
    const segs = expectSimple(interchange([{ body: SIMPLE_BODY }]))
    expect(segs[0]!.delimiters.segmentEnd).toBe('~\n')
  })

  it('strips a UTF-8 byte-order mark before the ISA', () => {
    expectSimple(`\uFEFF${interchange([{ body: SIMPLE_BODY }])}`)
  })

  it('counts separators for an unpadded ISA shorter than 106 characters', () => {
    const text = interchange([{ body: SIMPLE_BODY }], { padded: false })
    expect(text.indexOf('~')).toBeLessThan(105)
    const segs = expectSimple(text)
    expect(segs[0]!.interchange?.senderId).toBe('SENDER')
  })

  it('tolerates a line feed inside the ISA', () => {
    const text = interchange([{ body: SIMPLE_BODY }]).replace('*ZZ*RECEIVER', '*ZZ\n*RECEIVER')
    const segs = expectSimple(text)
    expect(segs[0]!.element(7)).toBe('ZZ')
  })

  it('accepts a line feed as the only segment terminator', () => {
    const segs = expectSimple(interchange([{ body: SIMPLE_BODY }], { terminator: '\n', eol: '' }))
    expect(segs[0]!.delimiters.lineTerminated).toBe(true)
  })

  it('accepts CRLF as the segment terminator', () => {
    const segs = expectSimple(interchange([{ body: SIMPLE_BODY }], { terminator: '\r\n', eol: '' }))
    expect(segs[5]!.element(7)).toBe('CT')
  })

  it('accepts ~ followed by CRLF, and ~ with nothing after the last segment', () => {
    expectSimple(interchange([{ body: SIMPLE_BODY }], { eol: '\r\n' }))
    expectSimple(interchange([{ body: SIMPLE_BODY }], { eol: '' }))
  })

  it('accepts a multi-byte terminator (U+2026 in UTF-8)', () => {
    const segs = expectSimple(interchange([{ body: SIMPLE_BODY }], { terminator: '\u2026', eol: '\n' }))
    expect(segs[0]!.delimiters.terminatorText).toBe('\u2026')
    expect(segs[0]!.delimiters.terminator).toEqual(Uint8Array.of(0xe2, 0x80, 0xa6))
  })

  it('accepts the single byte 0x85 terminator of Windows-1252', () => {
    const text = interchange([{ body: [...SIMPLE_BODY, ['N1', 'CN', 'MÜLLER']] }], {
      terminator: '\u0085',
      eol: '',
    })
    const bytes = Buffer.from(text, 'latin1')
    const { segments } = readX12Sync(bytes)
    expect(segments[0]!.delimiters.terminatorText).toBe('…')
    expect(segments.find((s) => s.id === 'N1')!.element(2)).toBe('MÜLLER')
  })

  it('accepts | as the terminator and + as the component separator', () => {
    const segs = expectSimple(interchange([{ body: SIMPLE_BODY }], { terminator: '|', component: '+' }))
    expect(segs[0]!.delimiters.componentText).toBe('+')
  })

  it('reads the repetition separator from ISA11 in 00501 but not in 00401', () => {
    const v5 = readX12Sync(interchange([{ body: SIMPLE_BODY }], { isaVersion: '00501', isa11: '^' }))
    expect(v5.segments[0]!.delimiters.repetitionText).toBe('^')
    const v4 = readX12Sync(interchange([{ body: SIMPLE_BODY }], { isaVersion: '00401', isa11: '^' }))
    expect(v4.segments[0]!.delimiters.repetitionText).toBeUndefined()
  })

  it('splits components and repetitions', () => {
    const body = [
      ['N9', 'ZZ', 'NA', '', '', '', '', 'ZZ>MX>031'],
      ['L11', 'A^B', 'PO'],
    ]
    const { segments } = readX12Sync(interchange([{ body }], { isaVersion: '00501', isa11: '^' }))
    expect(segments.find((s) => s.id === 'N9')!.components(7)).toEqual(['ZZ', 'MX', '031'])
    expect(segments.find((s) => s.id === 'L11')!.repetitions(1)).toEqual(['A', 'B'])
  })
})

describe('structure', () => {
  it('reads concatenated interchanges with different delimiters, several groups and sets', () => {
    const a = interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }], { control: 7 })
    const b = interchange([{ body: SIMPLE_BODY }], { control: 8, element: '|', terminator: '\n', eol: '' })
    const { segments, summary } = readX12Sync(a + b)
    expect(summary).toMatchObject({ interchanges: 2, groups: 2, sets: 3, setsById: { '214': 3 } })
    expect(summary.warnings).toEqual([])
    expect(at7(segments)).toHaveLength(3)
    expect(segments.at(-1)!.interchange?.control).toBe('000000008')
  })

  it('reads two groups in one interchange', () => {
    const one = interchange([{ body: SIMPLE_BODY }])
    const gs = one.slice(one.indexOf('GS*'), one.indexOf('IEA*'))
    const text = one.replace(/IEA\*1\*/, `${gs.replace('*1*X*', '*2*X*').replace('GE*1*1', 'GE*1*2')}IEA*2*`)
    const { summary } = readX12Sync(text)
    expect(summary).toMatchObject({ interchanges: 1, groups: 2, sets: 2 })
    expect(summary.warnings).toEqual([])
  })

  it('compares segment ids case-insensitively and treats whitespace-only elements as empty', () => {
    const text = interchange([{ body: SIMPLE_BODY }])
      .replace('AT7*X6*NS**', 'at7*X6*NS*   *')
      .replace('\nse*', '\nSE*')
    const { segments } = readX12Sync(text)
    const seg = segments.find((s) => s.id === 'AT7')!
    expect(seg.element(3)).toBe('')
    expect(seg.rawElement(3)).toBe('   ')
  })

  it('never starts an interchange at ISA text inside data', () => {
    const body = [...SIMPLE_BODY, ['NM1', 'ISAAC'], ['N1', 'SH', 'ISA*00*X']]
    const { segments, summary } = readX12Sync(interchange([{ body }]))
    expect(summary.interchanges).toBe(1)
    expect(segments.find((s) => s.id === 'NM1')!.element(1)).toBe('ISAAC')
  })

  it('trims spaces before the terminator', () => {
    const { segments } = readX12Sync(interchange([{ body: SIMPLE_BODY }]).replace('*CT~', '*CT   ~'))
    expect(segments.find((s) => s.id === 'AT7')!.element(7)).toBe('CT')
  })

  it('keeps byte offsets and segment numbers', () => {
    const text = `\uFEFF${interchange([{ body: SIMPLE_BODY }])}`
    const { segments } = readX12Sync(text)
    const bytes = Buffer.from(text)
    const gs = segments[1]!
    expect(gs.index).toBe(2)
    expect(bytes.subarray(gs.offset, gs.offset + 3).toString()).toBe('GS*')
  })
})

describe('envelope checks warn and still deliver', () => {
  it('compares SE01 numerically (zero padding allowed)', () => {
    const text = interchange([{ body: SIMPLE_BODY }]).replace('SE*6*', 'SE*0000000006*')
    expect(readX12Sync(text).summary.warnings).toEqual([])
  })

  it.each([
    ['SE*6*0001', 'SE*7*0001', 'se-count-mismatch'],
    ['SE*6*0001', 'SE*6*0002', 'se-control-mismatch'],
    ['SE*6*0001', 'SE*6*001 N/L', 'se-control-mismatch'],
    ['SE*6*0001', 'SE*six*0001', 'se-count-invalid'],
    ['GE*1*1', 'GE*2*1', 'ge-count-mismatch'],
    ['GE*1*1', 'GE*1*9', 'ge-control-mismatch'],
    ['IEA*1*000000001', 'IEA*2*000000001', 'iea-count-mismatch'],
    ['IEA*1*000000001', 'IEA*1*000000002', 'iea-control-mismatch'],
  ])('%s → %s warns %s', (from, to, code) => {
    const text = interchange([{ body: SIMPLE_BODY }]).replace(from, to)
    const { segments, summary } = readX12Sync(text)
    expect(summary.warnings.map((w) => w.code)).toEqual([code])
    expect(summary.warnings[0]!.offset).toBeGreaterThan(0)
    expect(at7(segments)).toHaveLength(1)
  })

  it('warns when an ISA starts before the previous IEA', () => {
    const one = interchange([{ body: SIMPLE_BODY }])
    const text = one.slice(0, one.indexOf('IEA*')) + interchange([{ body: SIMPLE_BODY }], { control: 2 })
    const { summary } = readX12Sync(text)
    expect(summary.interchanges).toBe(2)
    expect(summary.warnings.map((w) => w.code)).toEqual(['iea-missing'])
  })

  it('turns warnings into ParseErrors in strict mode', () => {
    const text = interchange([{ body: SIMPLE_BODY }]).replace('SE*6*', 'SE*9*')
    expect(() => readX12Sync(text, { strict: true })).toThrow(ParseError)
  })
})

describe('structurally broken input is a ParseError with its position', () => {
  it('no ISA', () => {
    const error = catchError(() => readX12Sync('GS*QM*A*B~ST*214*1~'))
    expect(error).toBeInstanceOf(ParseError)
    expect(error.position.offset).toBe(0)
  })

  it('empty input', () => {
    expect(catchError(() => readX12Sync(''))).toBeInstanceOf(ParseError)
  })

  it('a truncated interchange', () => {
    const text = interchange([{ body: SIMPLE_BODY }])
    const error = catchError(() => readX12Sync(text.slice(0, text.indexOf('SE*'))))
    expect(error).toBeInstanceOf(ParseError)
    expect(error.message).toMatch(/Truncated interchange/)
    expect(error.position.segment).toBe(7)
  })

  it('an alphanumeric element separator', () => {
    const error = catchError(() => readX12Sync('ISAX00X          X00'))
    expect(error).toBeInstanceOf(ParseError)
    expect(error.message).toMatch(/element separator/)
  })

  it('an ISA with too few separators', () => {
    expect(catchError(() => readX12Sync('ISA*00*00~GS*QM~'))).toBeInstanceOf(ParseError)
  })

  it('garbage after IEA', () => {
    const error = catchError(() => readX12Sync(`${interchange([{ body: SIMPLE_BODY }])}HELLO`))
    expect(error.message).toMatch(/Expected ISA after IEA/)
  })

  it('a segment longer than maxSegmentBytes without a terminator', () => {
    const text = `${interchange([{ body: SIMPLE_BODY }]).slice(0, 200)}${'x'.repeat(5000)}`
    expect(catchError(() => readX12Sync(text, { maxSegmentBytes: 1000 }))).toBeInstanceOf(ParseError)
  })
})

describe('streaming', () => {
  const text = interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }], {
    terminator: '\u2026',
    eol: '\r\n',
  })
  const whole = readX12Sync(text).segments.map((s) => s.toString())

  it('gives the same segments whatever the chunk boundaries (every split point)', () => {
    const bytes = Buffer.from(text)
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new X12Reader()
      const segs = [
        ...reader.push(bytes.subarray(0, cut)),
        ...reader.push(bytes.subarray(cut)),
        ...reader.end(),
      ]
      expect(segs.map((s) => s.toString())).toEqual(whole)
    }
  })

  it('reads one byte at a time', () => {
    const bytes = Buffer.from(text)
    const reader = new X12Reader()
    const segs: Segment[] = []
    for (let i = 0; i < bytes.length; i++) segs.push(...reader.push(bytes.subarray(i, i + 1)))
    segs.push(...reader.end())
    expect(segs.map((s) => s.toString())).toEqual(whole)
  })

  it('reads a Node Readable, an async iterable of chunks and string chunks', async () => {
    const bytes = Buffer.from(text)
    const fromReadable: string[] = []
    for await (const seg of readX12(Readable.from([bytes.subarray(0, 50), bytes.subarray(50)]))) {
      fromReadable.push(seg.toString())
    }
    expect(fromReadable).toEqual(whole)
    async function* strings() {
      yield text.slice(0, 120)
      yield text.slice(120)
    }
    const stream = readX12(strings())
    const fromStrings: string[] = []
    for await (const seg of stream) fromStrings.push(seg.toString())
    expect(fromStrings).toEqual(whole)
    expect(stream.summary().sets).toBe(2)
  })

  it('rejects a second iteration of the same stream', async () => {
    const stream = readX12(text)
    for await (const _ of stream) {
      /* drain */
    }
    await expect(async () => {
      for await (const _ of stream) {
        /* again */
      }
    }).rejects.toThrow(ParseError)
  })
})

function catchError(fn: () => unknown): ParseError {
  try {
    fn()
  } catch (error) {
    return error as ParseError
  }
  throw new Error('expected a ParseError')
}
