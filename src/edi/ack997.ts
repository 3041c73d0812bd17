/**
 * 997 functional acknowledgments for received X12 interchanges: one 997 interchange per input interchange, one
 * 997 set (AK1 … AK9) per functional group, sender and receiver swapped, fresh control numbers, and the input's
 * own delimiters. Envelope problems found by the reader become AK5/AK9 error codes.
 */
import type { Delimiters } from './delimiters.js'
import type { GroupHeader, InterchangeHeader } from './envelope.js'
import { X12Reader, type X12ReadOptions } from './reader.js'

/** AK5-01 / AK9-01 acknowledgment codes. */
export type AckCode = 'A' | 'E' | 'P' | 'R'

/** Options of {@link ack997}. */
export interface Ack997Options {
  /**
   * Returns the next fresh control number (used for ISA13 and GS06 of the 997s, 1–999999999).
   * @default a counter seeded from the clock
   */
  nextControlNumber?: () => number
  /**
   * Time written into ISA09/ISA10 and GS04/GS05.
   * @default new Date()
   */
  now?: Date
  /**
   * Transaction sets this receiver supports (ST01 values); others are rejected with AK5 `R`, code 1.
   * @default every set is supported
   * @example supportedSets: ['214']
   */
  supportedSets?: readonly string[]
  /** Reader options (e.g. `maxSegmentBytes`). */
  read?: Omit<X12ReadOptions, 'strict' | 'maxWarnings'>
}

/** The acknowledgment of one set. */
export interface SetAck {
  id: string
  control: string
  code: AckCode
  /** AK502–AK506 (element 718). */
  errors: string[]
}

/** The acknowledgment of one functional group. */
export interface GroupAck {
  functionalId: string
  control: string
  code: AckCode
  /** AK905–AK909 (element 716). */
  errors: string[]
  sets: SetAck[]
}

/** One 997 interchange answering one received interchange. */
export interface Ack997 {
  /** The 997 interchange, ready to send. */
  text: string
  /** ISA13 of the interchange acknowledged, and of the 997. */
  acknowledgedControl: string
  control: string
  groups: GroupAck[]
}

let seed = (Math.floor(Date.now() / 1000) % 800_000_000) + 100_000_000
const clockCounter = (): number => {
  seed = seed >= 999_999_999 ? 100_000_000 : seed + 1
  return seed
}

/** Set-level problems reported by the reader → element 718 codes. */
const SET_ERRORS: Readonly<Record<string, string>> = {
  'se-missing': '2',
  'se-control-mismatch': '3',
  'se-count-mismatch': '4',
  'se-count-invalid': '4',
}
/** Group-level problems → element 716 codes. */
const GROUP_ERRORS: Readonly<Record<string, string>> = {
  'ge-missing': '3',
  'ge-control-mismatch': '4',
  'ge-count-mismatch': '5',
  'ge-count-invalid': '5',
}

type CollectedGroup = GroupAck & { header: GroupHeader; declared?: number }

interface Collected {
  header: InterchangeHeader
  groups: CollectedGroup[]
}

function addError(group: GroupAck, code: string): void {
  if (!group.errors.includes(code)) group.errors.push(code)
}

/**
 * Acknowledges every functional group of an X12 document (997s themselves are never acknowledged).
 * @example
 * const [ack] = ack997(readFileSync('in/status.edi'), { supportedSets: ['214'] })
 * writeFileSync(`out/997-${ack.control}.edi`, ack.text)
 */
export function ack997(input: string | Uint8Array, options: Ack997Options = {}): Ack997[] {
  const reader = new X12Reader({ ...options.read, maxWarnings: Number.POSITIVE_INFINITY })
  const segments = [...reader.push(input), ...reader.end()]
  const problems = new Map<number, string[]>()
  for (const w of reader.summary().warnings) {
    const list = problems.get(w.segment) ?? []
    list.push(w.code)
    problems.set(w.segment, list)
  }
  const supported = options.supportedSets
    ? new Set(options.supportedSets.map((s) => s.toUpperCase()))
    : undefined
  const interchanges: Collected[] = []
  let current: Collected | undefined
  let group: CollectedGroup | undefined
  let set: SetAck | undefined
  const closeSet = (codes: string[]) => {
    if (!set) return
    for (const c of codes)
      if (SET_ERRORS[c] && !set.errors.includes(SET_ERRORS[c]!)) set.errors.push(SET_ERRORS[c]!)
    if (set.code === 'A' && set.errors.length) set.code = set.errors.includes('2') ? 'R' : 'E'
    group?.sets.push(set)
    set = undefined
  }
  for (const seg of segments) {
    const codes = problems.get(seg.index) ?? []
    switch (seg.id) {
      case 'ISA':
        current = { header: seg.interchange!, groups: [] }
        interchanges.push(current)
        group = undefined
        break
      case 'GS':
        closeSet(codes)
        if (group) addError(group, '3')
        group = {
          header: seg.group!,
          functionalId: seg.group!.functionalId,
          control: seg.group!.control,
          code: 'A',
          errors: [],
          sets: [],
        }
        if (group.functionalId !== 'FA') current?.groups.push(group)
        break
      case 'ST':
        closeSet(codes)
        set = { id: seg.set!.id, control: seg.set!.control, code: 'A', errors: [] }
        if (supported && !supported.has(set.id)) {
          set.code = 'R'
          set.errors.push('1')
        }
        break
      case 'SE':
        closeSet(codes)
        break
      case 'GE':
        closeSet(codes)
        if (group) {
          for (const c of codes) if (GROUP_ERRORS[c]) addError(group, GROUP_ERRORS[c]!)
          const declared = seg.element(1)
          group.declared = /^\d+$/.test(declared) ? Number(declared) : group.sets.length
        }
        group = undefined
        break
      case 'IEA':
        closeSet(codes)
        if (group) addError(group, '3')
        group = undefined
        break
    }
  }
  const now = options.now ?? new Date()
  const next = options.nextControlNumber ?? clockCounter
  return interchanges.filter((ic) => ic.groups.length > 0).map((ic) => write(ic, now, next))
}

function groupCode(group: GroupAck): AckCode {
  const accepted = group.sets.filter((s) => s.code !== 'R').length
  if (group.sets.length > 0 && accepted === 0) return 'R'
  if (accepted < group.sets.length) return 'P'
  return group.errors.length || group.sets.some((s) => s.code === 'E') ? 'E' : 'A'
}

function write(ic: Collected, now: Date, next: () => number): Ack997 {
  const h = ic.header
  const d: Delimiters = h.delimiters
  const el = d.elementText
  const control = String(next()).padStart(9, '0')
  const yymmdd = now.toISOString().slice(2, 10).replaceAll('-', '')
  const hhmm = now.toISOString().slice(11, 16).replace(':', '')
  const isa11 = d.repetitionText ?? 'U'
  const segs: string[][] = [
    [
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      h.receiverQualifier.padEnd(2),
      h.receiverId.padEnd(15),
      h.senderQualifier.padEnd(2),
      h.senderId.padEnd(15),
      yymmdd,
      hhmm,
      isa11,
      h.version || '00401',
      control,
      '0',
      h.usage || 'P',
      d.componentText,
    ],
  ]
  const groupControl = String(next() % 1_000_000_000)
  const first = ic.groups[0]!.header
  segs.push([
    'GS',
    'FA',
    first.receiverId,
    first.senderId,
    `20${yymmdd}`,
    hhmm,
    groupControl,
    'X',
    first.version || '004010',
  ])
  ic.groups.forEach((g, i) => {
    g.code = groupCode(g)
    const stControl = String(i + 1).padStart(4, '0')
    const body: string[][] = [
      ['ST', '997', stControl],
      ['AK1', g.functionalId, g.control],
    ]
    for (const s of g.sets) {
      body.push(['AK2', s.id, s.control])
      body.push(['AK5', s.code, ...s.errors.slice(0, 5)])
    }
    const received = g.sets.length
    const accepted = g.sets.filter((s) => s.code !== 'R').length
    body.push([
      'AK9',
      g.code,
      String(g.declared ?? received),
      String(received),
      String(accepted),
      ...g.errors.slice(0, 5),
    ])
    body.push(['SE', String(body.length + 1), stControl])
    segs.push(...body)
  })
  segs.push(['GE', String(ic.groups.length), groupControl], ['IEA', '1', control])
  const text = segs.map((s) => s.join(el)).join(d.segmentEnd) + d.segmentEnd
  return {
    text,
    acknowledgedControl: h.control,
    control,
    groups: ic.groups.map(({ header: _h, declared: _d, ...g }) => g),
  }
}
