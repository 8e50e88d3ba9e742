/**
 * Libraries of many modules (Excel, charts, images, QR codes, mail) are loaded on first use, not
 * at start-up, where importing them cost seconds before the server could listen. Each loader
 * imports once and then returns the cached module.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

export const loadExcel = once(async () => (await import('exceljs')).default);
export const loadQrCode = once(async () => (await import('qrcode')).default);
export const loadEcharts = once(() => import('echarts'));
export const loadSharp = once(async () => (await import('sharp')).default);
export const loadNodemailer = once(async () => (await import('nodemailer')).default);
