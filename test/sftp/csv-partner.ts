/** The partner layout the CSV fixtures (fixtures/csv/acme-3pl.csv) are written in: columns and code table. */
import type { CsvAdapterOptions } from '../../adapters/csv/index.js'

export const acmeLayout: CsvAdapterOptions = {
  id: 'acme-3pl',
  name: 'ACME 3PL status feed',
  scac: 'ACMP',
  columns: {
    trackingNumber: 'Tracking',
    statusCode: 'Status',
    description: 'Status Text',
    date: 'Date',
    time: 'Time',
    zone: 'TZ',
    city: 'City',
    region: 'State',
    postalCode: 'Zip',
    countryCode: 'Country',
    reasonCode: 'Reason',
  },
  codes: {
    PU: { status: 'in_transit', milestone: 'picked_up' },
    AR: { status: 'in_transit', milestone: 'arrived_at_facility' },
    DP: { status: 'in_transit', milestone: 'departed_facility' },
    OD: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
    DL: { status: 'delivered', milestone: 'delivered' },
    EX: { status: 'exception', milestone: 'held' },
  },
}
