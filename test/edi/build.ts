/** Test helper: builds X12 interchanges with chosen delimiters (the project's own shapes, not corpus copies). */

export interface BuildOptions {
  element?: string
  component?: string
  terminator?: string
  /** Written after each terminator. */
  eol?: string
  /** ISA12 version. */
  isaVersion?: string
  /** ISA11 (repetition separator from 00402). */
  isa11?: string
  control?: number
  /** GS08 version. */
  version?: string
  sender?: string
  /** Pad the ISA to its fixed widths. */
  padded?: boolean
}

/** A transaction set body: segments as arrays of elements (the id first), without ST/SE. */
export type Body = string[][]

export function isa(o: BuildOptions = {}): string[] {
  const padded = o.padded ?? true
  const pad = (value: string, width: number) => (padded ? value.padEnd(width, ' ') : value)
  return [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    'ZZ',
    pad(o.sender ?? 'SENDER', 15),
    'ZZ',
    pad('RECEIVER', 15),
    '240301',
    '1200',
    o.isa11 ?? 'U',
    o.isaVersion ?? '00401',
    String(o.control ?? 1).padStart(9, '0'),
    '0',
    'P',
    o.component ?? '>',
  ]
}

/** One interchange with one group holding the given sets (each gets ST/SE with correct counts). */
export function interchange(sets: { id?: string; body: Body }[], o: BuildOptions = {}): string {
  const el = o.element ?? '*'
  const term = (o.terminator ?? '~') + (o.eol ?? '\n')
  const control = o.control ?? 1
  const segs: string[][] = [
    isa(o),
    [
      'GS',
      'QM',
      o.sender ?? 'SENDER',
      'RECEIVER',
      '20240301',
      '1200',
      String(control),
      'X',
      o.version ?? '004010',
    ],
  ]
  sets.forEach((set, i) => {
    const ctl = String(i + 1).padStart(4, '0')
    segs.push(['ST', set.id ?? '214', ctl], ...set.body, ['SE', String(set.body.length + 2), ctl])
  })
  segs.push(['GE', String(sets.length), String(control)], ['IEA', '1', String(control).padStart(9, '0')])
  return segs.map((s) => s.join(el)).join(term) + term
}

export const SIMPLE_BODY: Body = [
  ['B10', 'PRO123', 'BOL456', 'ABCD'],
  ['LX', '1'],
  ['AT7', 'X6', 'NS', '', '', '20240305', '1015', 'CT'],
  ['MS1', 'CHICAGO', 'IL', 'US'],
]
