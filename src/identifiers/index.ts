/**
 * `waybill/identifiers`: GS1 keys and check digits, GS1 element strings (bracketed and raw/FNC1), GS1 Digital
 * Link URIs, and tracking-number detection (which carrier a number belongs to, with ranked candidates, from the
 * carrier descriptors in ./carriers) and routing of a number to adapters (`rankAdapters`).
 */

export { checkAiRelations } from './ai-relations.js'
export { AI_TABLE, type AiDefinition, getAi } from './ai-table.js'
export {
  CARRIER_BRANDING,
  type CarrierBranding,
  type CarrierBrandingOverrides,
  carrierBranding,
  carrierDisplayName,
  carrierTrackingUrl,
  clearRegisteredCarrierBranding,
  readableCarrierName,
  registerCarrierBranding,
} from './branding.js'
export {
  amazonCarrier,
  australiaPostCarrier,
  type CarrierDescriptor,
  canadaPostCarrier,
  canparCarrier,
  DEFAULT_CARRIERS,
  dhlCarrier,
  dhlEcommerceCarrier,
  dpdCarrier,
  fedexCarrier,
  glsCarrier,
  gofoCarrier,
  landmarkCarrier,
  laPosteCarrier,
  lasershipCarrier,
  oldDominionCarrier,
  ontracCarrier,
  postnlCarrier,
  purolatorCarrier,
  royalMailCarrier,
  s10Carrier,
  speeDeeCarrier,
  type TrackingFormat,
  upsCarrier,
  uspsCarrier,
  yodelCarrier,
  yunExpressCarrier,
} from './carriers/index.js'
export {
  type CarrierCandidate,
  type CarrierId,
  type ConfidenceLevel,
  carrierConfidence,
  type DetectOptions,
  detectCarrier,
  normalizeTrackingNumber,
} from './detect.js'
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
  normalizeSscc,
  type SsccParts,
  sscc,
  ssccOf,
  toGtin14,
} from './gs1-keys.js'
export { rankAdapters } from './rank-adapters.js'
