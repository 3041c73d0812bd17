/**
 * zod schemas of the UPS payloads `normalize` takes: the Track API v1 response (`trackResponse`), its error
 * envelope (`response.errors`) and a Track Alert event (webhook). Shapes from UPS-API/api-documentation
 * `Tracking.yaml` and `UPSTrackAlert.yaml`, and karrio's captured samples.
 *
 * Lenient on purpose where UPS is inconsistent: scalars may be strings or numbers (`packageCount: 2`,
 * `gmtTime: "74700"`), arrays may be missing, `null` or a single object, and unknown fields are ignored.
 * Anything that is not the expected kind at all (an object where text belongs) is a ValidationError with the path.
 */
import { z } from 'zod'
import { lenient } from '../../src/adapter/index.js'

const { list, optionalObject, text } = lenient

export { list, text }

const obj = optionalObject

export const upsAddressSchema = z.object({
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  city: text,
  stateProvince: text,
  postalCode: text,
  country: text,
  countryCode: text,
})

export const upsStatusSchema = z.object({
  type: text,
  code: text,
  description: text,
  simplifiedTextDescription: text,
  statusCode: text,
})

export const upsActivitySchema = z.object({
  date: text,
  time: text,
  gmtDate: text,
  gmtTime: text,
  gmtOffset: text,
  location: obj({ address: obj(upsAddressSchema.shape), slic: text }),
  status: obj(upsStatusSchema.shape),
})

const messageSchema = z.object({ code: text, message: text })

export const upsPackageSchema = z.object({
  trackingNumber: text,
  activity: list(upsActivitySchema),
  currentStatus: obj(upsStatusSchema.shape),
  deliveryDate: list(z.object({ type: text, date: text })),
  deliveryTime: obj({ type: text, startTime: text, endTime: text }),
  deliveryInformation: obj({ location: text, receivedBy: text }),
  packageAddress: list(z.object({ type: text, name: text, address: obj(upsAddressSchema.shape) })),
  packageCount: text,
  service: obj({ code: text, description: text, levelCode: text }),
  weight: obj({ unitOfMeasurement: text, weight: text }),
  referenceNumber: list(z.object({ type: text, number: text })),
  alternateTrackingNumber: list(z.object({ type: text, number: text })),
})

export const upsShipmentSchema = z.object({
  inquiryNumber: text,
  package: list(upsPackageSchema),
  warnings: list(messageSchema),
})

/** `GET /api/track/v1/details/{inquiryNumber}` → 200. */
export const upsTrackResponseSchema = z.object({
  trackResponse: z.object({ shipment: list(upsShipmentSchema) }),
})

/** Error envelope of every UPS API (400/401/403/404/429/500/503). */
export const upsErrorResponseSchema = z.object({
  response: z.object({ errors: list(messageSchema) }),
})

/** A UPS Track Alert event (`TrackingEventRequest` in UPSTrackAlert.yaml). */
export const upsTrackAlertSchema = z.object({
  trackingNumber: text,
  localActivityDate: text,
  localActivityTime: text,
  gmtActivityDate: text,
  gmtActivityTime: text,
  activityLocation: obj({ city: text, stateProvince: text, postalCode: text, country: text }),
  activityStatus: obj({ type: text, code: text, description: text, descriptionCode: text }),
  scheduledDeliveryDate: text,
  actualDeliveryDate: text,
  actualDeliveryTime: text,
  deliveryStartTime: text,
  deliveryEndTime: text,
  deliveryTimeDescription: text,
})

export type UpsAddress = z.output<typeof upsAddressSchema>
export type UpsActivity = z.output<typeof upsActivitySchema>
export type UpsPackage = z.output<typeof upsPackageSchema>
export type UpsShipment = z.output<typeof upsShipmentSchema>
export type UpsTrackResponse = z.output<typeof upsTrackResponseSchema>
export type UpsErrorResponse = z.output<typeof upsErrorResponseSchema>
export type UpsTrackAlert = z.output<typeof upsTrackAlertSchema>
