/** What each delivery KPI on the operator view measures, in the words of `summarize` (src/tracker/kpis.ts). */

export interface KpiDefinition {
  /** The field of `DeliveryKpis` it explains. */
  key: string
  name: string
  definition: string
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    key: 'onTime',
    name: 'On time',
    definition:
      'Of the shipments with a promised date that are delivered, or still open and already past the promise: the share delivered by the end of the first promised window. Cancelled, failed and returned shipments are not measured.',
  },
  {
    key: 'transitHours',
    name: 'Transit time',
    definition:
      'Hours from the first pick-up or in-transit scan to delivery, over delivered shipments: median and 90th percentile.',
  },
  {
    key: 'dwellHours',
    name: 'Dwell time',
    definition:
      'Hours between arriving at a facility and the next departure from the same facility, over every such pair.',
  },
  {
    key: 'exceptions',
    name: 'Exception rate',
    definition: 'The share of shipments with at least one exception event.',
  },
  {
    key: 'coverage',
    name: 'Tracking coverage',
    definition: 'The share of shipments with both a first scan (pick-up or in transit) and a final status.',
  },
  {
    key: 'freshnessMinutes',
    name: 'Data freshness',
    definition: 'Minutes from an event’s time to when the tracker ingested it: median and 90th percentile.',
  },
  {
    key: 'unknownZone',
    name: 'Events without a zone',
    definition:
      'Events kept with a local time and no zone: their instant is unknown, so measures that need it leave the shipment out instead of guessing.',
  },
]
