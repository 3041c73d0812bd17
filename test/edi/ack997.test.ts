import { describe, expect, it } from 'vitest'
import { ack997, readX12Sync } from '../../src/edi/index.js'
import { interchange, SIMPLE_BODY } from './build.js'

const NOW = new Date('2024-03-05T14:07:00Z')
const counter = () => {
  let n = 500
  return () => ++n
}

function segmentsOf(text: string): string[][] {
  return readX12Sync(text).segments.map((s) => [s.id, ...s.elements()])
}

describe('ack997', () => {
  it('accepts a clean interchange: sender/receiver swapped, fresh control numbers, valid envelope', () => {
    const input = interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }], {
      control: 42,
      sender: 'CARRIER',
    })
    const [ack] = ack997(input, { now: NOW, nextControlNumber: counter() })
    expect(ack!.acknowledgedControl).toBe('000000042')
    expect(ack!.control).toBe('000000501')
    const segs = segmentsOf(ack!.text)
    const isa = segs[0]!
    expect([isa[5], isa[6], isa[7], isa[8]]).toEqual(['ZZ', 'RECEIVER', 'ZZ', 'CARRIER'])
    expect([isa[9], isa[10], isa[13]]).toEqual(['240305', '1407', '000000501'])
    expect(segs.slice(1)).toEqual([
      ['GS', 'FA', 'RECEIVER', 'CARRIER', '20240305', '1407', '502', 'X', '004010'],
      ['ST', '997', '0001'],
      ['AK1', 'QM', '42'],
      ['AK2', '214', '0001'],
      ['AK5', 'A'],
      ['AK2', '214', '0002'],
      ['AK5', 'A'],
      ['AK9', 'A', '2', '2', '2'],
      ['SE', '8', '0001'],
      ['GE', '1', '502'],
      ['IEA', '1', '000000501'],
    ])
    // The 997 reads back without a single envelope warning.
    expect(readX12Sync(ack!.text).summary.warnings).toEqual([])
  })

  it('reports counts and control mismatches as accepted with errors', () => {
    const input = interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }])
      .replace('SE*6*0001', 'SE*9*0001')
      .replace('SE*6*0002', 'SE*6*0009')
      .replace('GE*2*1', 'GE*3*1')
    const [ack] = ack997(input, { now: NOW, nextControlNumber: counter() })
    const segs = segmentsOf(ack!.text).filter((s) => s[0]!.startsWith('AK'))
    expect(segs).toEqual([
      ['AK1', 'QM', '1'],
      ['AK2', '214', '0001'],
      ['AK5', 'E', '4'],
      ['AK2', '214', '0002'],
      ['AK5', 'E', '3'],
      ['AK9', 'E', '3', '2', '2', '5'],
    ])
  })

  it('rejects unsupported sets and a set without SE; partially accepts the group', () => {
    const text = interchange([
      { body: SIMPLE_BODY },
      { id: '204', body: [['B2', '', 'ABCD']] },
      { body: SIMPLE_BODY },
    ])
    const noSe = text.replace('SE*6*0003~\n', '')
    const [ack] = ack997(noSe, { now: NOW, nextControlNumber: counter(), supportedSets: ['214'] })
    expect(ack!.groups[0]!.sets).toEqual([
      { id: '214', control: '0001', code: 'A', errors: [] },
      { id: '204', control: '0002', code: 'R', errors: ['1'] },
      { id: '214', control: '0003', code: 'R', errors: ['2'] },
    ])
    expect(ack!.groups[0]!.code).toBe('P')
    expect(segmentsOf(ack!.text).find((s) => s[0] === 'AK9')).toEqual(['AK9', 'P', '3', '3', '1'])
  })

  it('rejects the group when no set is accepted', () => {
    const input = interchange([{ id: '210', body: [['B3', '', 'INV1']] }])
    const [ack] = ack997(input, { now: NOW, nextControlNumber: counter(), supportedSets: ['214'] })
    expect(ack!.groups[0]!.code).toBe('R')
  })

  it('writes in the input delimiters (| elements, line-feed terminators) and one 997 per interchange', () => {
    const a = interchange([{ body: SIMPLE_BODY }], { control: 1 })
    const b = interchange([{ body: SIMPLE_BODY }], { control: 2, element: '|', terminator: '\n', eol: '' })
    const acks = ack997(a + b, { now: NOW, nextControlNumber: counter() })
    expect(acks.map((x) => x.acknowledgedControl)).toEqual(['000000001', '000000002'])
    expect(acks[0]!.text).toContain('~\nGS*FA*')
    expect(acks[1]!.text).toMatch(/^ISA\|00\|/)
    expect(acks[1]!.text).toContain('\nGS|FA|')
    expect(acks[1]!.text).not.toContain('~')
  })

  it('never acknowledges a 997', () => {
    const input = interchange([
      {
        id: '997',
        body: [
          ['AK1', 'QM', '1'],
          ['AK9', 'A', '1', '1', '1'],
        ],
      },
    ]).replace('GS*QM', 'GS*FA')
    expect(ack997(input, { now: NOW })).toEqual([])
  })
})
