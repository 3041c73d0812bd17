/** German customer messages ("Sie"). */
import type { EtaParts, MessageTable } from './index.js'

/** "20:00 Uhr"; a 12-hour format ("8:00 PM") is left as it is. */
function uhr(time: string | undefined): string {
  return /^\d{1,2}:\d{2}$/.test(time ?? '') ? `${time} Uhr` : `${time}`
}

function day(p: EtaParts): string {
  if (p.day === 'today') return ''
  return p.day === 'tomorrow' ? 'morgen ' : `am ${p.date} `
}

export const de: MessageTable = {
  language: 'de',
  status: {
    pre_transit: 'Der Absender bereitet Ihr Paket vor. Es wurde noch nicht zum Versand übergeben.',
    in_transit: 'Ihr Paket ist unterwegs.',
    out_for_delivery: 'Ihr Paket ist in der Zustellung.',
    available_for_pickup: 'Ihr Paket liegt zur Abholung für Sie bereit.',
    delivery_attempted: 'Der Zusteller konnte Ihr Paket leider nicht abgeben.',
    delivered: 'Ihr Paket wurde zugestellt.',
    exception: 'Etwas hält Ihr Paket auf.',
    returned_to_sender: 'Ihr Paket geht an den Absender zurück.',
    failure: 'Leider kann Ihr Paket nicht zugestellt werden.',
    cancelled: 'Diese Sendung wurde storniert.',
    unknown: 'Wir haben noch keine Neuigkeiten zu Ihrem Paket.',
  },
  milestone: {
    label_created: 'Der Absender hat ein Versandetikett erstellt. Ihr Paket wurde noch nicht übergeben.',
    picked_up: 'Ihr Paket wurde abgeholt und ist unterwegs.',
    arrived_at_facility: 'Ihr Paket ist in einem Paketzentrum angekommen.',
    departed_facility: 'Ihr Paket hat ein Paketzentrum verlassen.',
    in_transit: 'Ihr Paket ist unterwegs.',
    customs: 'Ihr Paket wird gerade vom Zoll abgefertigt.',
    out_for_delivery: 'Ihr Paket ist in der Zustellung.',
    delivery_attempted: 'Der Zusteller konnte Ihr Paket leider nicht abgeben.',
    available_for_pickup: 'Ihr Paket liegt zur Abholung für Sie bereit.',
    delivered: 'Ihr Paket wurde zugestellt.',
    delivered_to_agent: 'Ihr Paket wurde zugestellt und von jemandem für Sie angenommen.',
    delayed: 'Ihr Paket verspätet sich.',
    weather_delay: 'Schlechtes Wetter verzögert Ihr Paket.',
    held: 'Ihr Paket wird vorübergehend zurückgehalten.',
    address_issue: 'Es gibt ein Problem mit der Lieferadresse.',
    damaged: 'Ihr Paket wurde unterwegs beschädigt.',
    lost: 'Es tut uns leid: Ihr Paket scheint verloren gegangen zu sein.',
    refused: 'Die Annahme wurde verweigert, daher geht Ihr Paket an den Absender zurück.',
    return_initiated: 'Für Ihr Paket wurde eine Rücksendung veranlasst.',
    returning: 'Ihr Paket geht an den Absender zurück.',
    returned: 'Ihr Paket wurde an den Absender zurückgeschickt.',
    cancelled: 'Diese Sendung wurde storniert.',
    status_update: 'Es gibt Neuigkeiten zu Ihrem Paket.',
    unknown: 'Es gibt Neuigkeiten zu Ihrem Paket.',
  },
  nextStep: {
    pre_transit: 'Wir sagen Ihnen Bescheid, sobald es unterwegs ist.',
    in_transit: 'Sie müssen nichts tun. Wir halten Sie auf dem Laufenden.',
    out_for_delivery: 'Halten Sie heute nach Ihrem Paket Ausschau.',
    available_for_pickup: 'Bringen Sie zur Abholung einen Lichtbildausweis mit.',
    delivery_attempted:
      'Auf der Benachrichtigungskarte steht, wie Sie eine neue Zustellung vereinbaren oder das Paket abholen.',
    delivered:
      'Falls Sie es nicht finden, fragen Sie bei Ihren Nachbarn nach und wenden Sie sich dann an den Absender.',
    exception: 'Sie müssen nichts tun. Wir melden uns, sobald es weitergeht.',
    returned_to_sender: 'Wenden Sie sich an den Absender, wenn Sie Ihre Bestellung noch möchten.',
    failure: 'Bitte wenden Sie sich wegen Ersatz oder Erstattung an den Absender.',
    cancelled: 'Wenden Sie sich an den Absender, falls Sie damit nicht gerechnet haben.',
    unknown: 'Wir melden uns, sobald wir mehr wissen.',
  },
  nextStepByMilestone: {
    return_initiated: 'Wenn Sie es zurückschicken, folgen Sie bitte den Rücksendehinweisen des Absenders.',
    address_issue: 'Bitte prüfen Sie Ihre Adresse mit dem Absender.',
    customs: 'Sie müssen nichts tun. Falls etwas von Ihnen benötigt wird, werden Sie kontaktiert.',
    damaged: 'Falls der Inhalt beschädigt ist, wenden Sie sich bitte an den Absender.',
    refused: 'Wenden Sie sich an den Absender, falls das ein Versehen war.',
    delivered_to_agent:
      'Falls Sie es nicht finden, fragen Sie bei Ihren Nachbarn oder am Empfang Ihres Hauses nach.',
  },
  eta(p) {
    switch (p.kind) {
      case 'on':
        return p.day === 'today' ? 'heute' : p.day === 'tomorrow' ? 'morgen' : `am ${p.date}`
      case 'by':
        return `${day(p)}bis ${uhr(p.time)}`
      case 'between':
        return `${day(p)}zwischen ${p.from} und ${uhr(p.to)}`
      case 'days':
        return `zwischen ${p.date} und ${p.toDate}`
    }
  },
  arrives(p) {
    const day = p.day ? ` \u00b7 ${p.day === 'today' ? 'heute' : 'morgen'}` : ''
    switch (p.kind) {
      case 'on':
        return `Zustellung am ${p.date}${day}`
      case 'by':
        return `Zustellung am ${p.date}, bis ${uhr(p.time)}${day}`
      case 'between':
        return `Zustellung am ${p.date}, ${p.range ?? `${p.from}\u2013${uhr(p.to)}`}${day}`
      case 'days':
        return `Zustellung zwischen ${p.date} und ${p.toDate}`
    }
  },
  arrival: (eta) => `Es kommt voraussichtlich ${eta} an.`,
  arrivalWith: {
    out_for_delivery: (eta) => `Ihr Paket ist in der Zustellung und kommt voraussichtlich ${eta} an.`,
    in_transit: (eta) => `Ihr Paket ist unterwegs und kommt voraussichtlich ${eta} an.`,
  },
  alertTitle: {
    exception: 'Problem bei der Zustellung',
    delivery_attempted: 'Zustellung nicht möglich',
    out_for_delivery: 'In Zustellung',
    available_for_pickup: 'Bereit zur Abholung',
    delivered: 'Zugestellt',
    eta_later: 'Neuer Liefertermin',
    late: 'Verspätet',
    stalled: 'Noch keine Neuigkeiten',
    returned: 'Zurück an den Absender',
    missed_pickup: 'Noch nicht abgeholt',
    delivered_after_cancel: 'Stornierte Bestellung zugestellt',
    return_not_received: 'Rücksendung noch nicht angekommen',
  },
  alert: {
    exception: () => 'Etwas hält Ihr Paket auf. Wir melden uns, sobald es weitergeht.',
    delivery_attempted: () =>
      'Der Zusteller konnte Ihr Paket leider nicht abgeben. Auf der Benachrichtigungskarte steht, wie Sie eine neue Zustellung vereinbaren.',
    out_for_delivery: ({ eta }) =>
      eta
        ? `Ihr Paket ist in der Zustellung und kommt voraussichtlich ${eta} an.`
        : 'Ihr Paket ist in der Zustellung.',
    available_for_pickup: () =>
      'Ihr Paket liegt zur Abholung für Sie bereit. Bringen Sie einen Lichtbildausweis mit.',
    delivered: () => 'Ihr Paket wurde zugestellt.',
    eta_later: ({ eta }) =>
      eta
        ? `Der Liefertermin hat sich geändert: Ihr Paket kommt jetzt voraussichtlich ${eta} an.`
        : 'Ihr Paket kommt später als geplant.',
    late: ({ previous }) =>
      previous ? `Ihr Paket verspätet sich. Es wurde ${previous} erwartet.` : 'Ihr Paket verspätet sich.',
    // "seit" takes the dative: "seit 3 Tagen" (Intl gives the nominative "3 Tage").
    stalled: ({ duration }) =>
      duration
        ? `Seit ${duration.replace(/\bTage\b/, 'Tagen')} gibt es keine Neuigkeiten zu Ihrem Paket. Wir behalten es im Blick.`
        : 'Seit einer Weile gibt es keine Neuigkeiten zu Ihrem Paket. Wir behalten es im Blick.',
    returned: () =>
      'Ihr Paket geht an den Absender zurück. Wenden Sie sich an ihn, wenn Sie Ihre Bestellung noch möchten.',
    missed_pickup: () => 'Der Paketdienst hat Ihr Paket noch nicht abgeholt. Wir kümmern uns darum.',
    delivered_after_cancel: () =>
      'Ihr Paket wurde zugestellt, obwohl die Bestellung storniert war. Bitte wenden Sie sich an den Absender.',
    return_not_received: () =>
      'Das Paket auf dem Rückweg ist beim Absender noch nicht angekommen. Wir kümmern uns darum.',
  },
}
