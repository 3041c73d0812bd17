/** Regional carriers with one distinctive prefix each: YunExpress, Spee-Dee, GOFO Express, Landmark Global. */
import type { CarrierDescriptor } from './types.js'

export const yunExpressCarrier: CarrierDescriptor = {
  id: 'yunexpress',
  name: 'YunExpress',
  formats: [
    {
      name: 'YT',
      pattern: /^YT\d{16}$/,
      lengths: [18],
      specificity: 0.92,
      source: 'YunExpress waybill YT + 16 digits; jkeen/tracking_number_data couriers/yunexpress.json (MIT)',
    },
  ],
}

export const speeDeeCarrier: CarrierDescriptor = {
  id: 'speedee',
  name: 'Spee-Dee Delivery',
  formats: [
    {
      name: 'SP (20)',
      pattern: /^SP\d{18}$/,
      lengths: [20],
      specificity: 0.9,
      source: 'Spee-Dee Delivery SP + 18 digits; jkeen/tracking_number_data couriers/speedee.json (MIT)',
    },
  ],
}

export const gofoCarrier: CarrierDescriptor = {
  id: 'gofo',
  name: 'GOFO Express',
  formats: [
    {
      name: 'GFUS',
      pattern: /^GFUS\d{14}$/,
      lengths: [18],
      specificity: 0.93,
      source: 'GOFO Express (US) GFUS + 14 digits; jkeen/tracking_number_data couriers/gofo.json (MIT)',
    },
  ],
}

export const landmarkCarrier: CarrierDescriptor = {
  id: 'landmark',
  name: 'Landmark Global',
  formats: [
    {
      name: 'LTN',
      pattern: /^LTN\d{8}N\d{1,2}$/,
      lengths: [13, 14],
      specificity: 0.93,
      source:
        'Landmark Global LTN + 8 digits + N + piece; jkeen/tracking_number_data couriers/landmark.json (MIT)',
    },
  ],
}
