/** Amazon Logistics (Amazon Shipping) tracking-number formats. */
import type { CarrierDescriptor } from './types.js'

const REGION: Record<string, string> = { A: 'United States', C: 'Canada', M: 'Mexico' }

export const amazonCarrier: CarrierDescriptor = {
  id: 'amazon',
  name: 'Amazon Logistics',
  services: [
    'Amazon Logistics (US, TBA)',
    'Amazon Logistics (Canada, TBC)',
    'Amazon Logistics (Mexico, TBM)',
  ],
  formats: [
    {
      name: 'TBA/TBC/TBM',
      pattern: /^TB[ACM]\d{12}$/,
      lengths: [15],
      specificity: 0.95,
      service: (n) => `Amazon Logistics (${REGION[n[2] as string]})`,
      source:
        'Amazon Shipping label ids TB + A (US) / C (Canada) / M (Mexico) + 12 digits, no check digit; jkeen/tracking_number_data couriers/amazon.json (MIT)',
    },
    {
      name: 'International',
      pattern: /^[ACF]\d{10}$/,
      lengths: [11],
      specificity: 0.25,
      source:
        'Amazon international shipment ids A/C/F + 10 digits; jkeen/tracking_number_data couriers/amazon.json "Amazon International" (MIT)',
    },
  ],
}
