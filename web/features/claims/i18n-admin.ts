/** Strings of benefits totals, hand-over ceremonies, the calculator and claim settings (`clmx.*`), Indonesian first. */
export const claimsAdminId = {
  totalsTitle: 'Rekap manfaat dibayar',
  handoversTitle: 'Acara penyerahan',
  calculatorTitle: 'Kalkulator manfaat',
  settingsTitle: 'Pengaturan klaim',
};

export const claimsAdminEn: typeof claimsAdminId = {
  totalsTitle: 'Benefits paid',
  handoversTitle: 'Hand-over ceremonies',
  calculatorTitle: 'Benefit calculator',
  settingsTitle: 'Claim settings',
};
