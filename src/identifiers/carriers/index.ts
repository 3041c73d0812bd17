/**
 * The carrier descriptors shipped with waybill: the default set `detectCarrier` combines. Each file declares one
 * carrier's formats with a source per row; a custom carrier is one more `CarrierDescriptor` passed in `carriers`.
 */
import { amazonCarrier } from './amazon.js'
import { australiaPostCarrier } from './australia-post.js'
import { canadaPostCarrier } from './canada-post.js'
import { canparCarrier } from './canpar.js'
import { dhlCarrier } from './dhl.js'
import { dhlEcommerceCarrier } from './dhl-ecommerce.js'
import { dpdCarrier } from './dpd.js'
import { fedexCarrier } from './fedex.js'
import { glsCarrier } from './gls.js'
import { laPosteCarrier } from './la-poste.js'
import { lasershipCarrier } from './lasership.js'
import { oldDominionCarrier } from './ltl.js'
import { ontracCarrier } from './ontrac.js'
import { postnlCarrier } from './postnl.js'
import { purolatorCarrier } from './purolator.js'
import { royalMailCarrier } from './royal-mail.js'
import { s10 } from './s10.js'
import { gofoCarrier, landmarkCarrier, speeDeeCarrier, yunExpressCarrier } from './small-parcel.js'
import type { CarrierDescriptor } from './types.js'
import { upsCarrier } from './ups.js'
import { uspsCarrier } from './usps.js'
import { yodelCarrier } from './yodel.js'

export type { CarrierDescriptor, TrackingFormat } from './types.js'
export {
  amazonCarrier,
  australiaPostCarrier,
  canadaPostCarrier,
  canparCarrier,
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
  s10 as s10Carrier,
  speeDeeCarrier,
  upsCarrier,
  uspsCarrier,
  yodelCarrier,
  yunExpressCarrier,
}

/** Every carrier descriptor waybill ships, in no significant order (ranking decides). */
export const DEFAULT_CARRIERS: readonly CarrierDescriptor[] = [
  upsCarrier,
  fedexCarrier,
  uspsCarrier,
  dhlCarrier,
  dhlEcommerceCarrier,
  s10,
  amazonCarrier,
  ontracCarrier,
  lasershipCarrier,
  canadaPostCarrier,
  purolatorCarrier,
  canparCarrier,
  dpdCarrier,
  yodelCarrier,
  royalMailCarrier,
  postnlCarrier,
  glsCarrier,
  laPosteCarrier,
  australiaPostCarrier,
  yunExpressCarrier,
  speeDeeCarrier,
  gofoCarrier,
  landmarkCarrier,
  oldDominionCarrier,
]
