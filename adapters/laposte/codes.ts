/**
 * La Poste Suivi v2 event codes (`shipment.event[].code`) → canonical meaning.
 *
 * Source: La Poste API Suivi v2 documentation (developer.laposte.fr, catalogue "Suivi" v2), table of event codes
 * ("Codes événements"), the same harmonised list for Courrier, Colissimo and Chronopost; labels in the comments
 * are the documentation's short labels. Any other code becomes `unknown` with a warning, its code kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `event[].code` → meaning (keys upper case, as `mapCode` looks them up). */
export const LAPOSTE_EVENT_CODES: CodeTable = {
  // DR1 "Déclaratif réceptionné": the sender's shipment data is received, the item is not handed over yet.
  DR1: { status: 'pre_transit', milestone: 'label_created' },
  // PC1 "Pris en charge": La Poste has taken the item in.
  PC1: { status: 'in_transit', milestone: 'picked_up' },
  // PC2 "Pris en charge dans le pays d'expédition": taken in by the post of the sending country.
  PC2: { status: 'in_transit', milestone: 'picked_up' },
  // ET1 "En cours de traitement": being processed (sorted, moved).
  ET1: { status: 'in_transit', milestone: 'in_transit' },
  // ET2 "En cours de traitement dans le pays d'expédition": processed in the sending country.
  ET2: { status: 'in_transit', milestone: 'in_transit' },
  // ET3 "En cours de traitement dans le pays de destination": processed in the destination country.
  ET3: { status: 'in_transit', milestone: 'in_transit' },
  // ET4 "En cours de traitement dans un pays de transit": processed in a transit country.
  ET4: { status: 'in_transit', milestone: 'in_transit' },
  // EP1 "En attente de présentation": waiting to be presented for delivery.
  EP1: { status: 'in_transit', milestone: 'in_transit' },
  // DO1 "Entrée en Douane": handed to customs.
  DO1: { status: 'in_transit', milestone: 'customs' },
  // DO2 "Sortie de Douane": released by customs.
  DO2: { status: 'in_transit', milestone: 'customs' },
  // DO3 "Retenu en Douane": held by customs.
  DO3: { status: 'exception', milestone: 'held', reason: 'customs' },
  // PB1 "Problème en cours": a problem is being dealt with.
  PB1: { status: 'exception', milestone: 'status_update' },
  // PB2 "Problème résolu": the problem is solved, the item moves on.
  PB2: { status: 'in_transit', milestone: 'status_update' },
  // MD2 "Mis en distribution": out for delivery.
  MD2: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // ND1 "Non distribuable": the item cannot be delivered as addressed.
  ND1: { status: 'exception', milestone: 'status_update', reason: 'undeliverable' },
  // AG1 "En attente d'être retiré au guichet": waiting at a counter or pickup point for the recipient.
  AG1: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // RE1 "Retourné à l'expéditeur": on its way back to the sender.
  RE1: { status: 'returned_to_sender', milestone: 'returning' },
  // DI1 "Distribué": delivered to the recipient.
  DI1: { status: 'delivered', milestone: 'delivered' },
  // DI2 "Distribué à l'expéditeur": delivered back to the sender.
  DI2: { status: 'returned_to_sender', milestone: 'returned' },
}
