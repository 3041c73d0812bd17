/**
 * zod schemas of the PostNL Shippingstatus answer (`GET /shipment/v2/status/barcode/{barcode}`):
 * `{ CurrentStatus | CompleteStatus: { Shipment: one or a list of { MainBarcode, Barcode, ProductCode,
 * ProductDescription, Address[], Status: { TimeStamp, StatusCode, StatusDescription, PhaseCode, PhaseDescription },
 * Event?: [{ Code, Description, LocationCode, DestinationLocationCode, RouteCode, RouteName, TimeStamp }],
 * OldStatus? } }, Warnings?: [{ Code, Message }] }`. PostNL writes every value as a string; codes are accepted as
 * numbers too. Only the fields waybill reads are declared; the rest passes through and stays in `raw`.
 */
import { z } from 'zod'
import { lenient } from '../../src/adapter/index.js'

const text = z.string().nullish()
const code = z.union([z.string(), z.number()]).nullish()

/** A status: the current one (`Status`) or a past one (`OldStatus[]`). */
export const postnlStatusSchema = z.looseObject({
  /** `dd-MM-yyyy HH:mm:ss`, Dutch local time without an offset (`08-11-2022 10:13:20`). */
  TimeStamp: text,
  StatusCode: code,
  StatusDescription: text,
  PhaseCode: code,
  PhaseDescription: text,
})

/** One scan of `CompleteStatus` (`detail=true`). */
export const postnlEventSchema = z.looseObject({
  Code: z.union([z.string().min(1), z.number()]),
  Description: text,
  LocationCode: code,
  DestinationLocationCode: code,
  RouteCode: code,
  RouteName: text,
  /** `dd-MM-yyyy HH:mm:ss`, Dutch local time without an offset. */
  TimeStamp: z.string().min(1),
})

export const postnlAddressSchema = z.looseObject({
  AddressType: code,
  City: text,
  Zipcode: text,
  CountryCode: text,
})

/** One parcel of the answer (a multi-parcel shipment lists one per parcel). */
export const postnlShipmentSchema = z.looseObject({
  MainBarcode: text,
  Barcode: z.string().min(1),
  ProductCode: code,
  ProductDescription: text,
  /** The sender's own reference for the shipment. */
  Reference: text,
  Address: lenient.list(postnlAddressSchema),
  Status: postnlStatusSchema.nullish(),
  /** The expected delivery timeframe: `ETAFrom`, `ETATo`, Dutch local time like the other times. */
  Expectation: z.looseObject({ ETAFrom: text, ETATo: text }).nullish(),
  Event: lenient.list(postnlEventSchema),
})

export const postnlWarningSchema = z.looseObject({ Code: code, Message: text, Description: text })

const statusBlock = z.looseObject({ Shipment: lenient.list(postnlShipmentSchema) })

/**
 * The whole answer. A number PostNL does not know comes back without shipments and with `Warnings`; `track()` then
 * adds the `Barcode` it asked for, which the answer does not repeat.
 */
export const postnlAnswerSchema = z.looseObject({
  CurrentStatus: statusBlock.nullish(),
  CompleteStatus: statusBlock.nullish(),
  Warnings: lenient.list(postnlWarningSchema),
  Barcode: text,
})

export type PostnlEvent = z.infer<typeof postnlEventSchema>
export type PostnlShipment = z.infer<typeof postnlShipmentSchema>
export type PostnlStatus = z.infer<typeof postnlStatusSchema>
