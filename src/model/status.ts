/**
 * The closed canonical status set and the milestone list (docs/status-model.md).
 *
 * `status` answers "where is the shipment in its life"; `milestone` says which step an event was, in more detail.
 * "Not found", "expired" and "error" describe a lookup, not a shipment, and so are not statuses.
 */

export * from './status-values.js'
