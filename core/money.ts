/** Whole Rupiah written the Indonesian way, for messages built on the server: 1234567 → "Rp1.234.567", −4000 → "-Rp4.000". */
export function formatRupiah(amount: number): string {
  const digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp${digits}`;
}
