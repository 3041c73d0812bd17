/** GLS tracking-number formats. The parcel number's check rule is not published, so none is claimed. */
import type { CarrierDescriptor } from './types.js'

export const glsCarrier: CarrierDescriptor = {
  id: 'gls',
  name: 'GLS',
  services: ['Business Parcel', 'Express Parcel', 'CashService'],
  formats: [
    {
      name: 'Parcel number (11–12)',
      pattern: /^\d{11,12}$/,
      lengths: [11, 12],
      specificity: 0.15,
      source:
        'GLS parcel number: depot (2) + product (2) + serial + check, 11–12 digits (paketda.de "GLS-Paketlabel")',
    },
    {
      name: 'Track ID',
      pattern: /^(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{8}$/,
      lengths: [8],
      specificity: 0.3,
      source: 'GLS Track ID: 8 alphanumeric characters (e.g. XHAX4HDA) (paketda.de "GLS-Paketlabel")',
    },
  ],
}
