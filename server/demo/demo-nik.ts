/** A synthetic NIK of a district, sex and birth date (day + 40 for women), with the given 4-digit serial. */
export function syntheticNik(districtCode: string, sex: 'M' | 'F', birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  return `${districtCode.replaceAll('.', '')}${String(Number(d) + (sex === 'F' ? 40 : 0)).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}
