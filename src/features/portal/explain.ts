/**
 * Plain-language explanations of criteria for citizens, matched by the criterion's name (so they
 * apply to the 2021–2025 and the 2026–2030 sets). Written for the portal; not legal text.
 */
const EXPLAIN: [RegExp, string][] = [
  [/^quy hoạch/i, 'Xã có quy hoạch chung được phê duyệt, công bố và quản lý xây dựng theo quy hoạch.'],
  [/giao thông/i, 'Đường đến trung tâm xã, đường thôn, ngõ xóm và đường ra đồng được cứng hóa, đi lại thuận tiện quanh năm.'],
  [/hạ tầng kinh tế/i, 'Đường, điện, nước, trường, trạm, chợ, nhà văn hóa và hạ tầng số của xã đạt chuẩn.'],
  [/thủy lợi/i, 'Ruộng đồng được tưới tiêu chủ động; xã chủ động phòng, chống thiên tai.'],
  [/^điện/i, 'Hệ thống điện đạt chuẩn an toàn; hầu hết các hộ dùng điện thường xuyên.'],
  [/trường học/i, 'Trường mầm non, tiểu học, trung học cơ sở có cơ sở vật chất đạt chuẩn.'],
  [/cơ sở vật chất văn hóa/i, 'Xã và các thôn có nhà văn hóa, khu thể thao phục vụ sinh hoạt cộng đồng.'],
  [/thương mại/i, 'Xã có chợ hoặc cơ sở bán lẻ đạt chuẩn phục vụ người dân.'],
  [
    /thông tin và truyền thông|chuyển đổi số/i,
    'Người dân tiếp cận được Internet, đài truyền thanh, dịch vụ công trực tuyến; xã ứng dụng công nghệ số.',
  ],
  [/nhà ở/i, 'Không còn nhà tạm, dột nát; phần lớn nhà ở đạt chuẩn.'],
  [/thu nhập/i, 'Thu nhập bình quân đầu người của xã đạt mức quy định cho vùng.'],
  [/nghèo/i, 'Tỷ lệ hộ nghèo đa chiều thấp dưới mức quy định; người dân được hưởng an sinh xã hội.'],
  [/lao động|nguồn nhân lực/i, 'Người lao động có việc làm, được đào tạo nghề.'],
  [
    /tổ chức sản xuất|kinh tế nông thôn/i,
    'Có hợp tác xã hoạt động hiệu quả, liên kết sản xuất, sản phẩm OCOP, vùng nguyên liệu tập trung.',
  ],
  [/văn hóa, giáo dục, y tế/i, 'Người dân được học tập, chăm sóc sức khỏe và tham gia hoạt động văn hóa đạt chuẩn.'],
  [/giáo dục/i, 'Trẻ em đi học đúng độ tuổi; phổ cập giáo dục được duy trì.'],
  [/^y tế/i, 'Người dân có bảo hiểm y tế; trạm y tế đạt chuẩn; trẻ em được chăm sóc dinh dưỡng.'],
  [/^văn hóa$/i, 'Các thôn giữ gìn nếp sống văn hóa, hoạt động văn hóa, thể thao thường xuyên.'],
  [/môi trường/i, 'Rác thải, nước thải được thu gom, xử lý; nước sạch; cảnh quan xanh, sạch, đẹp; thực phẩm an toàn.'],
  [
    /hệ thống chính trị|hành chính công/i,
    'Chính quyền, đoàn thể hoạt động tốt; giải quyết thủ tục hành chính thuận tiện cho người dân.',
  ],
  [/quốc phòng|an ninh/i, 'Giữ vững an ninh trật tự; người dân được tiếp cận pháp luật.'],
];

export function explainCriterion(name: string): string {
  return EXPLAIN.find(([re]) => re.test(name.trim()))?.[1] ?? 'Xã đạt tiêu chí khi đạt tất cả các chỉ tiêu của tiêu chí này.';
}
