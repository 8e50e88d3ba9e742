import { defineMessages } from '../define';

/** The dashboard and a unit’s scorecard. */
export const dashboard = defineMessages({
  vi: {
    dashboardTitle: 'Tổng quan kiểm đếm tiêu chí',
    summaryLine: '{n} xã: bình quân {c}/{ct} tiêu chí, {i}/{it} chỉ tiêu',
    heatmap: 'Bản đồ nhiệt xã × tiêu chí',
    notApplicableCount: '{n} không áp dụng',
    gapsTitle: 'Còn thiếu ở đâu',
    unitsUnmet: 'Xã chưa đạt',
    unitsMissing: 'Xã thiếu số liệu',
    noVerifiedData: 'Chưa có số liệu đã xác minh đến kỳ này.',
    latestVerifiedNote: 'Mỗi xã lấy tháng đã xác minh gần nhất tính đến kỳ chọn (quý, năm: tháng đã xác minh cuối kỳ).',
    trend: 'Xu hướng',
    predecessorHistory: 'Lịch sử các đơn vị tiền thân (theo bộ tiêu chí của chúng)',
    roadmapOnScorecard: 'Lộ trình và báo cáo tiến độ',
  },
  en: {
    dashboardTitle: 'Criteria count-and-check overview',
    summaryLine: '{n} communes: on average {c}/{ct} criteria, {i}/{it} indicators',
    heatmap: 'Heat map: communes × criteria',
    notApplicableCount: '{n} not applicable',
    gapsTitle: 'What is missing where',
    unitsUnmet: 'Communes not meeting it',
    unitsMissing: 'Communes without data',
    noVerifiedData: 'No verified data up to this month.',
    latestVerifiedNote: 'Each commune shows its latest verified month up to the chosen period.',
    trend: 'Trend',
    predecessorHistory: 'History of predecessor units (under their own sets)',
    roadmapOnScorecard: 'Roadmap and check-ins',
  },
});
