/**
 * `waybill/identifiers`: GS1 keys and check digits, GS1 element strings (bracketed and raw/FNC1), GS1 Digital
 * Link URIs, and tracking-number detection (which carrier a number belongs to, with ranked candidates).
 */

export { checkAiRelations } from './ai-relations.js'
export { AI_TABLE, type AiDefinition, getAi } from './ai-table.js'
export { type CarrierCandidate, type CarrierId, detectCarrier, normalizeTrackingNumber } from './detect.js'
export {
  type BuildDigitalLinkOptions,
  buildDigitalLink,
  type DigitalLink,
  GS1_RESOLVER,
  type ParseDigitalLinkOptions,
  parseDigitalLink,
  ssccDigitalLink,
} from './digital-link.js'
export {
  type FormatElementStringOptions,
  formatElementString,
  GS,
  type Gs1Element,
  type ParseElementStringOptions,
  parseElementString,
} from './element-string.js'
export {
  completeGs1Key,
  type Ginc,
  ginc,
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  isValidGinc,
  isValidGln,
  isValidGsin,
  isValidGtin,
  isValidSscc,
  type SsccParts,
  sscc,
  toGtin14,
} from './gs1-keys.js'
