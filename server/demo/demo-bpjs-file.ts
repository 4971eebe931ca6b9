/**
 * A synthetic BPJS participant file for the demo, run through the real import so the reconciliation pages
 * have something to show: the enrolled demo workers as BPJS lists them (same KPJ, same paid-until month),
 * a few registered workers BPJS knows under a mistyped NIK or no NIK (linked automatically or queued for
 * review), and some participants the register does not know. Made-up people only.
 */
import { addMonths, monthOf } from '../../core/months.ts';
import { seededRandom } from '../../core/random.ts';
import type { DemoEnrolment, DemoWorker } from './demo-data.ts';

/** The CSV text (`;`, Indonesian headers, names in capitals as BPJS writes them). */
export function demoBpjsFile(workers: DemoWorker[], demoEnrolments: DemoEnrolment[], today: string, seed = 7301): string {
  const rand = seededRandom(seed);
  const month = monthOf(today);
  const lines = ['No KPJ;NIK;Nama Peserta;Tgl Lahir;Program;Status;Iuran Terakhir;Kode Desa'];
  const enrolled = new Set<number>();
  for (const e of demoEnrolments) {
    if (e.program !== 'JKK' || enrolled.has(e.workerIndex)) continue;
    enrolled.add(e.workerIndex);
    const w = workers[e.workerIndex]!;
    const paidUntil = e.payments.at(-1)?.toMonth ?? null;
    // Three or more unpaid months make a participation non-active at BPJS.
    const active = paidUntil !== null && paidUntil >= addMonths(month, -2);
    lines.push(row(e.kpj, w.nik, w.name.toUpperCase(), w.birthDate, active ? 'AKTIF' : 'NON AKTIF', paidUntil ?? '', w.villageCode));
  }
  let kpj = 23_000_000_000;
  const others = workers.map((_, i) => i).filter((i) => !enrolled.has(i));
  for (let n = 0; n < 40 && others.length > 0; n++) {
    const w = workers[others.splice(Math.floor(rand() * others.length), 1)[0]!]!;
    // A slip in the NIK's birth-date digits or no NIK at all (linked automatically); no NIK and day and month
    // swapped, or a slip in the NIK's serial (which could be a neighbour's NIK): waiting for an officer.
    const [y, m, d] = w.birthDate.split('-') as [string, string, string];
    const canSwap = Number(d) <= 12 && d !== m;
    const kind = n % 4;
    const nik = kind === 0 ? mistype(w.nik, 11) : kind === 1 || (kind === 2 && canSwap) ? '' : mistype(w.nik, 15);
    const birthDate = kind === 2 && canSwap ? `${y}-${d}-${m}` : w.birthDate;
    lines.push(row(String((kpj += 37)), nik, w.name.toUpperCase(), birthDate, 'AKTIF', month, w.villageCode));
  }
  const names = ['INAQ SUMIATI', 'AMAQ RUSNI', 'LALU MUHSIN', 'BAIQ NURHASANAH', 'HAERUDIN', 'SAHRUL GUNAWAN', 'MARNIATI', 'JUMAHIR'];
  for (let n = 0; n < 24; n++) {
    const year = 1960 + Math.floor(rand() * 40);
    const mm = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const dd = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const nik = `520399${dd}${mm}${String(year).slice(2)}${String(9000 + n).padStart(4, '0')}`;
    lines.push(row(String((kpj += 41)), nik, names[n % names.length]!, `${year}-${mm}-${dd}`, rand() < 0.7 ? 'AKTIF' : 'NON AKTIF', month, ''));
  }
  return `${lines.join('\n')}\n`;
}

function row(kpj: string, nik: string, name: string, birthDate: string, status: string, paidUntil: string, village: string): string {
  return [kpj, nik, name, birthDate, 'JKK, JKM', status, paidUntil, village].join(';');
}

/** One digit of the NIK typed wrong (position 11: the birth year; 15: the serial). */
function mistype(nik: string, position: number): string {
  return `${nik.slice(0, position)}${(Number(nik[position]) + 1) % 10}${nik.slice(position + 1)}`;
}
