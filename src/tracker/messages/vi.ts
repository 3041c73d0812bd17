/** Vietnamese customer messages ("bạn"). */
import type { EtaParts, MessageTable } from './index.js'

function when(p: EtaParts): string {
  if (p.day === 'today') return ''
  return p.day === 'tomorrow' ? ' ngày mai' : `, ${p.date}`
}

export const vi: MessageTable = {
  language: 'vi',
  status: {
    pre_transit: 'Người gửi đang chuẩn bị kiện hàng của bạn. Kiện hàng chưa được bàn giao để vận chuyển.',
    in_transit: 'Kiện hàng của bạn đang trên đường đến.',
    out_for_delivery: 'Kiện hàng của bạn đang được giao.',
    available_for_pickup: 'Kiện hàng của bạn đã sẵn sàng để bạn đến nhận.',
    delivery_attempted: 'Nhân viên giao hàng đã thử giao kiện hàng của bạn nhưng không thành công.',
    delivered: 'Kiện hàng của bạn đã được giao.',
    exception: 'Kiện hàng của bạn đang bị chậm lại vì một sự cố.',
    returned_to_sender: 'Kiện hàng của bạn đang được gửi trả lại cho người gửi.',
    failure: 'Rất tiếc, kiện hàng của bạn không thể giao được.',
    cancelled: 'Đơn vận chuyển này đã bị hủy.',
    unknown: 'Chúng tôi chưa có thông tin mới về kiện hàng của bạn.',
  },
  milestone: {
    label_created: 'Người gửi đã tạo nhãn vận chuyển. Kiện hàng của bạn chưa được bàn giao.',
    picked_up: 'Kiện hàng của bạn đã được lấy đi và đang trên đường đến.',
    arrived_at_facility: 'Kiện hàng của bạn đã đến một trung tâm phân loại.',
    departed_facility: 'Kiện hàng của bạn đã rời một trung tâm phân loại.',
    in_transit: 'Kiện hàng của bạn đang trên đường đến.',
    customs: 'Kiện hàng của bạn đang làm thủ tục hải quan.',
    out_for_delivery: 'Kiện hàng của bạn đang được giao.',
    delivery_attempted: 'Nhân viên giao hàng đã thử giao kiện hàng của bạn nhưng không thành công.',
    available_for_pickup: 'Kiện hàng của bạn đã sẵn sàng để bạn đến nhận.',
    delivered: 'Kiện hàng của bạn đã được giao.',
    delivered_to_agent: 'Kiện hàng của bạn đã được giao và có người nhận giúp bạn.',
    delayed: 'Kiện hàng của bạn bị chậm trễ.',
    weather_delay: 'Thời tiết xấu đang làm chậm kiện hàng của bạn.',
    held: 'Kiện hàng của bạn đang được tạm giữ.',
    address_issue: 'Địa chỉ giao hàng đang có vấn đề.',
    damaged: 'Kiện hàng của bạn đã bị hư hỏng trên đường vận chuyển.',
    lost: 'Rất tiếc: có vẻ như kiện hàng của bạn đã bị thất lạc.',
    refused: 'Kiện hàng đã bị từ chối nhận nên đang được gửi trả lại cho người gửi.',
    return_initiated: 'Việc gửi trả lại kiện hàng của bạn đã được bắt đầu.',
    returning: 'Kiện hàng của bạn đang được gửi trả lại cho người gửi.',
    returned: 'Kiện hàng của bạn đã được trả lại cho người gửi.',
    cancelled: 'Đơn vận chuyển này đã bị hủy.',
    status_update: 'Có thông tin mới về kiện hàng của bạn.',
    unknown: 'Có thông tin mới về kiện hàng của bạn.',
  },
  nextStep: {
    pre_transit: 'Chúng tôi sẽ báo cho bạn khi kiện hàng lên đường.',
    in_transit: 'Bạn chưa cần làm gì. Chúng tôi sẽ tiếp tục cập nhật cho bạn.',
    out_for_delivery: 'Hôm nay bạn nhớ chú ý nhận hàng nhé.',
    available_for_pickup: 'Nhớ mang theo giấy tờ tùy thân có ảnh khi đến nhận.',
    delivery_attempted: 'Hãy xem phiếu báo để hẹn giao lại hoặc đến nhận hàng.',
    delivered: 'Nếu không thấy kiện hàng, hãy hỏi hàng xóm rồi liên hệ với người gửi.',
    exception: 'Bạn chưa cần làm gì. Chúng tôi sẽ báo ngay khi kiện hàng tiếp tục được vận chuyển.',
    returned_to_sender: 'Hãy liên hệ với người gửi nếu bạn vẫn muốn nhận đơn hàng.',
    failure: 'Vui lòng liên hệ với người gửi để được gửi hàng thay thế hoặc hoàn tiền.',
    cancelled: 'Hãy liên hệ với người gửi nếu bạn không biết về việc này.',
    unknown: 'Chúng tôi sẽ báo cho bạn ngay khi có thêm thông tin.',
  },
  nextStepByMilestone: {
    return_initiated: 'Nếu bạn gửi trả lại, hãy làm theo hướng dẫn trả hàng của người gửi.',
    address_issue: 'Vui lòng kiểm tra lại địa chỉ với người gửi.',
    customs: 'Bạn chưa cần làm gì. Nếu cần bạn bổ sung gì, bạn sẽ được liên hệ.',
    damaged: 'Nếu hàng bên trong bị hư hỏng, vui lòng liên hệ với người gửi.',
    refused: 'Hãy liên hệ với người gửi nếu đây là nhầm lẫn.',
    delivered_to_agent: 'Nếu không thấy kiện hàng, hãy hỏi hàng xóm hoặc quầy lễ tân của tòa nhà.',
  },
  eta(p) {
    switch (p.kind) {
      case 'on':
        return p.day === 'today' ? 'hôm nay' : p.day === 'tomorrow' ? 'ngày mai' : `vào ${p.date}`
      case 'by':
        return `trước ${p.time}${when(p)}`
      case 'between':
        return `từ ${p.from} đến ${p.to}${when(p)}`
      case 'days':
        return `từ ${p.date} đến ${p.toDate}`
    }
  },
  arrives(p) {
    const day = p.day ? ` \u00b7 ${p.day === 'today' ? 'hôm nay' : 'ngày mai'}` : ''
    switch (p.kind) {
      case 'on':
        return `Dự kiến giao vào ${p.date}${day}`
      case 'by':
        return `Dự kiến giao vào ${p.date}, trước ${p.time}${day}`
      case 'between':
        return `Dự kiến giao vào ${p.date}, ${p.range ?? `${p.from}\u2013${p.to}`}${day}`
      case 'days':
        return `Dự kiến giao từ ${p.date} đến ${p.toDate}`
    }
  },
  arrival: (eta) => `Kiện hàng dự kiến sẽ đến ${eta}.`,
  arrivalWith: {
    out_for_delivery: (eta) => `Kiện hàng của bạn đang được giao và dự kiến sẽ đến ${eta}.`,
    in_transit: (eta) => `Kiện hàng của bạn đang trên đường đến và dự kiến sẽ tới ${eta}.`,
  },
  alertTitle: {
    exception: 'Sự cố giao hàng',
    delivery_attempted: 'Giao hàng không thành công',
    out_for_delivery: 'Đang giao hàng',
    available_for_pickup: 'Sẵn sàng để nhận',
    delivered: 'Đã giao hàng',
    eta_later: 'Ngày giao hàng mới',
    late: 'Giao hàng trễ',
    stalled: 'Chưa có thông tin mới',
    returned: 'Đang trả lại người gửi',
    missed_pickup: 'Chưa được lấy hàng',
    delivered_after_cancel: 'Đơn đã hủy nhưng vẫn được giao',
    return_not_received: 'Chưa nhận được hàng hoàn',
  },
  alert: {
    exception: () =>
      'Kiện hàng của bạn đang bị chậm lại vì một sự cố. Chúng tôi sẽ báo ngay khi kiện hàng tiếp tục được vận chuyển.',
    delivery_attempted: () =>
      'Nhân viên giao hàng đã thử giao kiện hàng của bạn nhưng không thành công. Hãy xem phiếu báo để hẹn giao lại.',
    out_for_delivery: ({ eta }) =>
      eta
        ? `Kiện hàng của bạn đang được giao và dự kiến sẽ đến ${eta}.`
        : 'Kiện hàng của bạn đang được giao.',
    available_for_pickup: () =>
      'Kiện hàng của bạn đã sẵn sàng để bạn đến nhận. Nhớ mang theo giấy tờ tùy thân có ảnh.',
    delivered: () => 'Kiện hàng của bạn đã được giao.',
    eta_later: ({ eta }) =>
      eta
        ? `Ngày giao hàng đã thay đổi: kiện hàng của bạn giờ dự kiến sẽ đến ${eta}.`
        : 'Kiện hàng của bạn sẽ đến muộn hơn dự kiến.',
    late: ({ previous }) =>
      previous
        ? `Kiện hàng của bạn đang bị trễ. Lẽ ra kiện hàng phải đến ${previous}.`
        : 'Kiện hàng của bạn đang bị trễ.',
    stalled: ({ duration }) =>
      duration
        ? `Đã ${duration} chưa có thông tin mới về kiện hàng của bạn. Chúng tôi đang theo dõi.`
        : 'Đã một thời gian chưa có thông tin mới về kiện hàng của bạn. Chúng tôi đang theo dõi.',
    returned: () =>
      'Kiện hàng của bạn đang được gửi trả lại cho người gửi. Hãy liên hệ với người gửi nếu bạn vẫn muốn nhận đơn hàng.',
    missed_pickup: () => 'Đơn vị vận chuyển chưa đến lấy kiện hàng của bạn. Chúng tôi đang kiểm tra.',
    delivered_after_cancel: () => 'Kiện hàng đã được giao dù đơn hàng đã bị hủy. Vui lòng liên hệ người gửi.',
    return_not_received: () => 'Kiện hàng hoàn về chưa đến tay người gửi. Chúng tôi đang kiểm tra.',
  },
}
