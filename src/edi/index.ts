/**
 * `waybill/edi`: X12 EDI for carriers that send files instead of APIs.
 *
 * - a streaming X12 reader (bytes in, segments out; delimiters found by counting the ISA's separators; flat memory);
 * - envelope checks that warn rather than drop (SE/GE/IEA counts and control numbers);
 * - X12 214 (shipment status) to canonical shipments and events, with trading-partner profiles and the
 *   standard's AT7 code tables (`AT701`, `AT702`, `AT703`, `L11_TYPES`; every row names its source);
 * - 997 functional acknowledgments.
 */

export {
  type Ack997,
  type Ack997Options,
  type AckCode,
  ack997,
  type GroupAck,
  type SetAck,
} from './ack997.js'
export {
  type AppointmentEntry,
  AT701,
  AT702,
  AT703,
  type At7Entry,
  type At7Kind,
  L11_TYPES,
  NORMAL_REASONS,
  type ReasonEntry,
} from './codes214.js'
export type { Delimiters } from './delimiters.js'
export type { EnvelopeCounts, GroupHeader, InterchangeHeader, SetHeader, X12Warning } from './envelope.js'
export {
  Edi214Parser,
  type Edi214Stream,
  type Edi214Summary,
  type Parse214Options,
  parse214,
  parse214Stream,
} from './parse214.js'
export { PartnerDirectory, type PartnerPlace, type TradingPartner, validatePartners } from './partners.js'
export {
  chunksOf,
  readX12,
  readX12Sync,
  type X12Input,
  X12Reader,
  type X12ReadOptions,
  type X12ReadSummary,
  type X12SegmentStream,
} from './reader.js'
export { Segment } from './segment.js'
export { countryCode, dmsToDegrees, isPre4010 } from './time214.js'
