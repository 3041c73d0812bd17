/** DHL eCommerce (Americas, Asia, Europe) tracking-number formats; tracked through DHL's unified API. */
import { lengthRange } from './lengths.js'
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/dhl.json "DHL E-Commerce" (MIT)'

export const dhlEcommerceCarrier: CarrierDescriptor = {
  id: 'dhl-ecommerce',
  name: 'DHL eCommerce',
  services: ['Parcel Expedited', 'Parcel Ground', 'Packet International'],
  formats: [
    {
      name: 'GM',
      pattern: /^GM\d{16,18}$/,
      lengths: [18, 19, 20],
      specificity: 0.85,
      source: `DHL eCommerce Americas package id GM + 16–18 digits, no check digit; ${TND}`,
    },
    {
      name: 'Regional prefix',
      pattern: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d[0-9A-Z]{9,38}$/,
      lengths: lengthRange(12, 41),
      specificity: 0.55,
      source: `DHL eCommerce Asia/Americas: GM, LX, RX, UV, CN, SG, TH, IN, HK or MY + 10–39 characters; ${TND}`,
    },
    {
      name: 'JVGL',
      pattern: /^JVGL\d[0-9A-Z]{7,25}$/,
      lengths: lengthRange(12, 30),
      specificity: 0.5,
      source:
        'DHL eCommerce Europe/Global Mail JVGL + digits (longer than the Express piece id), no check digit',
    },
    {
      name: 'eCommerce (14)',
      pattern: /^\d{14}$/,
      lengths: [14],
      specificity: 0.2,
      source:
        'DHL eCommerce 14-digit numeric form, no check digit; trackingnumber.fyi "DHL E-Commerce (14)" (tracking_number_data 1.8.0)',
    },
  ],
}
