/**
 * The canonical model: zod schemas (exported so users validate with them too) and their inferred types.
 * Status set and milestones (docs/status-model.md), events with deterministic ids, shipments with derived status,
 * locations, identifiers, and the normalization result.
 */
export * from './event.js'
export * from './event-time.js'
export * from './findings.js'
export * from './identifiers.js'
export * from './location.js'
export * from './result.js'
export * from './schemas.js'
export * from './shipment.js'
export * from './status.js'
