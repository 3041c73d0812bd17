/**
 * Envelope checks (ISA/GS/ST … SE/GE/IEA) that warn rather than drop: segment counts, control numbers and
 * nesting mistakes become {@link X12Warning}s with their position; every segment is still delivered.
 */
import type { Delimiters } from './delimiters.js'
import type { Segment } from './segment.js'

/** A problem in the input that did not stop reading. */
export interface X12Warning {
  /** Stable code, e.g. `se-count-mismatch`. */
  code: string
  message: string
  /** Byte offset of the segment in the input. */
  offset: number
  /** 1-based segment number in the input. */
  segment: number
}

/** The interchange header (ISA) facts every segment can reach through `segment.interchange`. */
export interface InterchangeHeader {
  /** ISA05/ISA06: sender qualifier and id (trimmed). */
  senderQualifier: string
  senderId: string
  receiverQualifier: string
  receiverId: string
  /** ISA09 (YYMMDD) and ISA10 (HHMM). */
  date: string
  time: string
  /** ISA12, e.g. `00401`. */
  version: string
  /** ISA13 as written. */
  control: string
  /** ISA14 ack requested, ISA15 usage (`P`/`T`). */
  ackRequested: string
  usage: string
  delimiters: Delimiters
  /** 1-based interchange number in the input. */
  index: number
  groups: number
  offset: number
}

/** The functional group header (GS). */
export interface GroupHeader {
  /** GS01 functional identifier code (`QM` for 214). */
  functionalId: string
  /** GS02 application sender, GS03 receiver. */
  senderId: string
  receiverId: string
  date: string
  time: string
  /** GS06 group control number as written. */
  control: string
  /** GS07 responsible agency (`X`) and GS08 version (`004010`). */
  agency: string
  version: string
  sets: number
  offset: number
}

/** The transaction set header (ST). */
export interface SetHeader {
  /** ST01, e.g. `214`. */
  id: string
  /** ST02 control number as written. */
  control: string
  /** Segments seen so far, ST and SE included. */
  segments: number
  offset: number
}

/** Counts kept while reading. */
export interface EnvelopeCounts {
  interchanges: number
  groups: number
  sets: number
  /** Sets per ST01 value, e.g. `{ '214': 19, '997': 1 }`. */
  setsById: Record<string, number>
  segments: number
}

/** The number written by a non-empty run of ASCII digits, else undefined (a loop: this runs for every SE). */
function numeric(value: string): number | undefined {
  if (value === '') return undefined
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return undefined
  }
  return Number(value)
}

/** Control numbers compare numerically when both are digits (padding differs in real files), else as text. */
function sameControl(a: string, b: string): boolean {
  const x = numeric(a)
  const y = numeric(b)
  return x !== undefined && y !== undefined ? x === y : a === b
}

/** Follows the envelope nesting, attaches headers to segments and records mismatches as warnings. */
export class EnvelopeTracker {
  interchange: InterchangeHeader | undefined
  group: GroupHeader | undefined
  set: SetHeader | undefined
  readonly counts: EnvelopeCounts = { interchanges: 0, groups: 0, sets: 0, setsById: {}, segments: 0 }
  readonly #warn: (code: string, message: string, segment: Segment) => void
  #expectGroup = false

  constructor(warn: (code: string, message: string, segment: Segment) => void) {
    this.#warn = warn
  }

  track(seg: Segment): void {
    this.counts.segments++
    const id = seg.id
    if (this.set !== undefined) this.set.segments++
    switch (id) {
      case 'ISA':
        this.#isa(seg)
        break
      case 'GS':
        this.#gs(seg)
        break
      case 'ST':
        this.#st(seg)
        break
      case 'SE':
        this.#se(seg)
        return
      case 'GE':
        this.#ge(seg)
        return
      case 'IEA':
        this.#iea(seg)
        return
      default:
        if (this.#expectGroup && id !== 'TA1')
          this.#warn('gs-missing', `${id} follows ISA where GS was expected`, seg)
        else if (this.set === undefined && id !== 'TA1') {
          this.#warn('outside-set', `${id} segment outside a transaction set`, seg)
        }
        this.#expectGroup = false
    }
    seg.interchange = this.interchange
    seg.group = this.group
    seg.set = this.set
  }

  #attach(seg: Segment): void {
    seg.interchange = this.interchange
    seg.group = this.group
    seg.set = this.set
  }

  #isa(seg: Segment): void {
    if (this.interchange !== undefined) {
      this.#warn('iea-missing', `Interchange ${this.interchange.control} has no IEA before the next ISA`, seg)
      this.set = undefined
      this.group = undefined
    }
    this.counts.interchanges++
    this.interchange = {
      senderQualifier: seg.element(5),
      senderId: seg.element(6),
      receiverQualifier: seg.element(7),
      receiverId: seg.element(8),
      date: seg.element(9),
      time: seg.element(10),
      version: seg.element(12),
      control: seg.element(13),
      ackRequested: seg.element(14),
      usage: seg.element(15),
      delimiters: seg.delimiters,
      index: this.counts.interchanges,
      groups: 0,
      offset: seg.offset,
    }
    this.#expectGroup = true
  }

  #gs(seg: Segment): void {
    this.#expectGroup = false
    if (this.group !== undefined) {
      this.#warn('ge-missing', `Group ${this.group.control} has no GE before the next GS`, seg)
      this.#closeSet(seg)
    }
    this.counts.groups++
    if (this.interchange) this.interchange.groups++
    this.group = {
      functionalId: seg.element(1).toUpperCase(),
      senderId: seg.element(2),
      receiverId: seg.element(3),
      date: seg.element(4),
      time: seg.element(5),
      control: seg.element(6),
      agency: seg.element(7).toUpperCase(),
      version: seg.element(8).toUpperCase(),
      sets: 0,
      offset: seg.offset,
    }
  }

  #closeSet(seg: Segment): void {
    if (this.set !== undefined) {
      this.#warn('se-missing', `Transaction set ${this.set.control} has no SE`, seg)
      this.set = undefined
    }
  }

  #st(seg: Segment): void {
    if (this.#expectGroup) this.#warn('gs-missing', 'ST follows ISA where GS was expected', seg)
    this.#expectGroup = false
    this.#closeSet(seg)
    if (this.group === undefined) this.#warn('outside-group', 'ST segment outside a functional group', seg)
    else this.group.sets++
    const setId = seg.code(1).toUpperCase()
    this.counts.sets++
    this.counts.setsById[setId] = (this.counts.setsById[setId] ?? 0) + 1
    this.set = { id: setId, control: seg.element(2), segments: 1, offset: seg.offset }
  }

  #se(seg: Segment): void {
    this.#attach(seg)
    const set = this.set
    if (set === undefined) {
      this.#warn('st-missing', 'SE segment without an open transaction set', seg)
      return
    }
    // SE01 and SE02 are checked on the bytes (this runs for every set): decoded only for a warning.
    const digits = seg.digits(1)
    const count = digits >= 0 ? digits : undefined
    if (count === undefined)
      this.#warn('se-count-invalid', `SE01 ${JSON.stringify(seg.element(1))} is not a number`, seg)
    else if (count !== set.segments) {
      this.#warn(
        'se-count-mismatch',
        `SE01 says ${count} segments, set ${set.control} has ${set.segments} (ST and SE included)`,
        seg,
      )
    }
    if (!seg.elementIs(2, set.control)) {
      this.#warn(
        'se-control-mismatch',
        `SE02 ${JSON.stringify(seg.element(2))} differs from ST02 ${set.control}`,
        seg,
      )
    }
    this.set = undefined
  }

  #ge(seg: Segment): void {
    this.#closeSet(seg)
    this.#attach(seg)
    const group = this.group
    if (group === undefined) {
      this.#warn('gs-missing', 'GE segment without an open functional group', seg)
      return
    }
    const count = numeric(seg.element(1))
    if (count === undefined)
      this.#warn('ge-count-invalid', `GE01 ${JSON.stringify(seg.element(1))} is not a number`, seg)
    else if (count !== group.sets) {
      this.#warn(
        'ge-count-mismatch',
        `GE01 says ${count} sets, group ${group.control} has ${group.sets}`,
        seg,
      )
    }
    if (!sameControl(seg.element(2), group.control)) {
      this.#warn(
        'ge-control-mismatch',
        `GE02 ${JSON.stringify(seg.element(2))} differs from GS06 ${group.control}`,
        seg,
      )
    }
    this.group = undefined
  }

  #iea(seg: Segment): void {
    this.#closeSet(seg)
    if (this.group !== undefined) {
      this.#warn('ge-missing', `Group ${this.group.control} has no GE before IEA`, seg)
      this.group = undefined
    }
    this.#attach(seg)
    const ic = this.interchange
    if (ic === undefined) return
    const count = numeric(seg.element(1))
    if (count === undefined)
      this.#warn('iea-count-invalid', `IEA01 ${JSON.stringify(seg.element(1))} is not a number`, seg)
    else if (count !== ic.groups) {
      this.#warn(
        'iea-count-mismatch',
        `IEA01 says ${count} groups, interchange ${ic.control} has ${ic.groups}`,
        seg,
      )
    }
    if (!sameControl(seg.element(2), ic.control)) {
      this.#warn(
        'iea-control-mismatch',
        `IEA02 ${JSON.stringify(seg.element(2))} differs from ISA13 ${ic.control}`,
        seg,
      )
    }
    this.interchange = undefined
    this.#expectGroup = false
  }
}
