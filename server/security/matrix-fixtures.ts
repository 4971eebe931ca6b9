/**
 * The data the access matrix asks about, made through the API as the manpower office makes it: one
 * factory per entity, each placed in a village (A, the callers' own, or B, another district's). Reads
 * share one record per village (`shared…`). A write expected to succeed gets a record of its own, in the
 * state it needs whatever ran before it; writes expected to be refused share a spare one (see `Where`).
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../core/roles.ts';
import { childHeir, claimKit, spouseHeir, type ClaimKit } from '../test/claim-kit.ts';
import { makeWorker } from '../test/factories.ts';
import { USER_PASSWORD, type TestApp } from '../test/test-app.ts';
import { importAndWait, multipartBody } from '../test/upload.ts';

/** Tanjung Luar (district Keruak): the village of the village operator and the enumerator. */
export const VILLAGE_A = '52.03.01.2001';
/** Suwangi (district Sakra): a village outside every local caller's scope. */
export const VILLAGE_B = '52.03.02.2001';
export const DISTRICT_A = '52.03.01';
export const DISTRICT_B = '52.03.02';
export const REGENCY = '52.03';
/** Another regency of the province (Lombok Barat): outside even the regency-wide roles. */
export const OTHER_REGENCY = '52.01';
/** A village code of that other regency (unknown to this installation, which holds its own villages only). */
export const OTHER_REGENCY_VILLAGE = '52.01.01.2001';
/** "Today" for the whole matrix (WITA): a census round runs through November. */
export const NOW = new Date('2026-11-24T03:00:00Z');

/** Each role's one user: its region scope. */
export const ROLE_SCOPE: Record<Role, string> = {
  admin: REGENCY,
  district: DISTRICT_A,
  village: VILLAGE_A,
  enumerator: VILLAGE_A,
  bpjs: REGENCY,
  viewer: REGENCY,
};

/** Out of scope, for a region parameter: the sibling of the caller's own region (another regency for regency-wide roles). */
export const ROLE_OUTSIDE: Record<Role, string> = {
  admin: OTHER_REGENCY,
  district: DISTRICT_B,
  village: VILLAGE_B,
  enumerator: VILLAGE_B,
  bpjs: OTHER_REGENCY,
  viewer: OTHER_REGENCY,
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where a record is wanted: a village code (a record of its own), or a request's target — its own record
 * when the request is expected to change it (`fresh`), else one spare record per village and kind that
 * every refused request shares (a refusal changes nothing).
 */
export type Where = string | { village: string; fresh: boolean };

export interface ClaimRef {
  id: string;
  workerId: string;
  heirIds: string[];
}

export class MatrixFixtures {
  private readonly cache = new Map<string, Promise<unknown>>();
  private serial = 0;
  private year = 2030;
  private readonly reviewPool: string[] = [];
  /** Every id the factories were handed back, by entity: the id-guessing test reads them. */
  readonly ids = new Map<string, string[]>();

  private constructor(
    readonly t: TestApp,
    /** The initial admin's session: fixtures are made by the manpower office. */
    readonly admin: string,
    /** The village operator of village B (village A's operator is the matrix's own village user). */
    private readonly operators: Record<string, string>,
    private readonly kit: ClaimKit,
  ) {}

  /** The fixtures of one matrix run; the village user of A is the matrix's own (its imports are "its own"). */
  static async create(t: TestApp, admin: string, operatorA: string): Promise<MatrixFixtures> {
    const operatorB = await t.loginAs('village', VILLAGE_B);
    const fx = new MatrixFixtures(t, admin, { [VILLAGE_A]: operatorA, [VILLAGE_B]: operatorB }, await claimKit(t, admin));
    await fx.fillReviewPool(6);
    return fx;
  }

  /** A unique counter for names, months and keys. */
  next(): number {
    this.serial += 1;
    return this.serial;
  }

  /** A year of its own for a coverage target or denominator (the API takes years up to 2100). */
  nextYear(): number {
    // Reusing a year after 2100 is harmless: a target is written (upserted) before it is removed.
    this.year = this.year >= 2100 ? 2031 : this.year + 1;
    return this.year;
  }

  /** A month of its own, years ahead, for a dated rate or rule. */
  futureMonth(): string {
    const n = this.next();
    return `${2050 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  }

  /** Letters only (names may not hold digits): 1 → "A", 27 → "AA". */
  letters(n = this.next()): string {
    let out = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
    return out;
  }

  private remember(entity: string, id: string): string {
    this.ids.set(entity, [...(this.ids.get(entity) ?? []), id]);
    return id;
  }

  /** The record for `where`: made now, or the spare one of its village. */
  private made<T>(where: Where, kind: string, make: (village: string) => Promise<T>): Promise<T> {
    const { village, fresh } = typeof where === 'string' ? { village: where, fresh: true } : where;
    return fresh ? make(village) : this.once(`spare:${kind}:${village}`, () => make(village));
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = make();
      this.cache.set(key, hit);
    }
    return hit;
  }

  async send(method: Method, url: string, payload?: unknown, cookie = this.admin): Promise<LightMyRequestResponse> {
    return this.t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  /** A fixture request that must succeed; a failure names the request and the answer. */
  async ok(method: Method, url: string, payload?: unknown, cookie = this.admin): Promise<any> {
    const res = await this.send(method, url, payload, cookie);
    if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  }

  /** A second session for a role (logging it out leaves the matrix's own session alone). */
  freshSession(role: Role): Promise<string> {
    return this.t.loginAs(role, ROLE_SCOPE[role]);
  }

  /** Credentials of a user made for logging in (the login route is exercised with a real account). */
  loginBody(): Promise<{ username: string; password: string }> {
    return this.once('login-user', async () => {
      const username = 'matrix.login';
      await this.ok('POST', '/api/users', { username, password: USER_PASSWORD, role: 'viewer', regionCode: REGENCY });
      return { username, password: USER_PASSWORD };
    });
  }

  // ---- Workers and enrolments ------------------------------------------------------------------

  worker(where: Where): Promise<{ id: string; nik: string; name: string }> {
    return this.made(where, 'worker', async (village) => {
      const created = await this.ok('POST', '/api/workers', makeWorker({ villageCode: village }));
      this.remember('worker', created.id);
      return created;
    });
  }

  sharedWorker(village: string) {
    return this.once(`worker:${village}`, () => this.worker(village));
  }

  /** A worker enrolled in JKK and JKM from January, self-paid, with no payment yet; answers the JKK enrolment. */
  enrolment(where: Where): Promise<{ id: string; workerId: string }> {
    return this.made(where, 'enrolment', async (village) => {
      const worker = await this.worker(village);
      const res = await this.ok('POST', `/api/workers/${worker.id}/enrolments`, {
        programs: ['JKK', 'JKM'],
        startMonth: '2026-01',
        declaredIncome: 1_500_000,
        fundingSource: 'SELF',
      });
      for (const e of res.items) this.remember('enrolment', e.id);
      return { id: res.items[0].id as string, workerId: worker.id };
    });
  }

  /** A worker enrolled and paid (self-paid) from `from` to `to`: protected on the claims' event day. */
  insuredWorker(where: Where, from = '2026-01', to = '2026-12'): Promise<string> {
    return this.made(where, `insured-${from}`, async (village) => {
      const worker = await this.worker(village);
      await this.kit.insure(worker.id, from, to);
      return worker.id;
    });
  }

  // ---- Funding sources, commitments and payments -----------------------------------------------------

  /** The regency's self-paid source (the claims kit made it). */
  selfSource(): Promise<string> {
    return this.once('source:SELF', async () => {
      const list = await this.ok('GET', '/api/funding/sources');
      return list.items.find((s: { kind: string }) => s.kind === 'SELF').id as string;
    });
  }

  apbdSource(): Promise<string> {
    return this.once('source:APBD', async () => {
      const source = await this.ok('POST', '/api/funding/sources', { kind: 'APBD' });
      await this.ok('PUT', `/api/funding/sources/${source.id}/budgets/2026`, { amount: 1_000_000_000 });
      return this.remember('funding-source', source.id);
    });
  }

  /** The village's own ADD, with a budget large enough for every commitment of the run. */
  addSource(village: string): Promise<string> {
    return this.once(`source:ADD:${village}`, async () => {
      const source = await this.ok('POST', '/api/funding/sources', { kind: 'ADD', regionCode: village });
      for (const year of [2026, 2027]) await this.ok('PUT', `/api/funding/sources/${source.id}/budgets/${year}`, { amount: 1_000_000_000 });
      return this.remember('funding-source', source.id);
    });
  }

  /** A fresh worker committed to the village's ADD for December (which also enrols them); answers the commitment. */
  commitment(where: Where): Promise<{ id: string; workerId: string; sourceId: string }> {
    return this.made(where, 'commitment', async (village) => {
      const worker = await this.worker(village);
      const sourceId = await this.addSource(village);
      const res = await this.ok('POST', '/api/funding/commitments', { sourceId, workerIds: [worker.id], fromMonth: '2026-12', toMonth: '2026-12' });
      return { id: this.remember('commitment', res.items[0].id), workerId: worker.id, sourceId };
    });
  }

  /** A payment from the village's ADD, for a worker committed to it. */
  payment(where: Where): Promise<string> {
    return this.made(where, 'payment', async (village) => {
      const res = await this.ok('POST', '/api/payments', await this.addPaymentBody(village));
      return this.remember('payment', res.id);
    });
  }

  sharedPayment(village: string): Promise<string> {
    return this.once(`payment:${village}`, () => this.payment(village));
  }

  /** A valid payment body from the village's ADD, for a fresh worker committed to it for December. */
  async addPaymentBody(where: Where) {
    const { workerId, sourceId } = await this.commitment(where);
    return { sourceId, workerIds: [workerId], fromMonth: '2026-12', toMonth: '2026-12', amount: 16_000, acceptDifference: true, paidOn: '2026-11-20', reference: `TRF-${this.next()}` };
  }

  /** A valid self-payment body, for a fresh worker of the village enrolled self-paid. */
  async selfPaymentBody(where: Where) {
    const { workerId } = await this.enrolment(where);
    return { sourceId: await this.selfSource(), workerIds: [workerId], fromMonth: '2026-11', toMonth: '2026-11', amount: 16_000, acceptDifference: true, paidOn: '2026-11-20' };
  }

  // ---- Imports and reconciliation ------------------------------------------------------------------

  /** A census file for a village, one good row and one bad (so the job has rejected rows). */
  censusFile(village: string): { fileName: string; content: string } {
    const good = makeWorker({ villageCode: village });
    return {
      fileName: `sensus-${this.next()}.csv`,
      content: `NIK;Nama;Kode Desa;Pekerjaan\r\n${good.nik};${good.name};${village};Buruh Tani\r\n123;Salah Nomor;${village};Buruh Tani\r\n`,
    };
  }

  /** A multipart census upload as the browser sends it. */
  upload(village: string, fields: Record<string, string> = {}) {
    const { body, contentType } = multipartBody({ ...this.censusFile(village), fields });
    return { payload: body, headers: { 'content-type': contentType } };
  }

  /** An import job of the village, made by that village's own operator. */
  importJob(village: string): Promise<string> {
    return this.once(`import:${village}`, async () => {
      const { id } = await importAndWait(this.t.app, 'workers', { cookie: this.operators[village]!, ...this.censusFile(village) });
      return this.remember('import', id);
    });
  }

  /** A BPJS participant file of one participant (no NIK) matching nobody: it lands in the unmatched list. */
  bpjsFile(): { fileName: string; content: string } {
    const kpj = String(21_000_000_000 + this.next());
    return {
      fileName: `peserta-${kpj}.csv`,
      content: `No KPJ;NIK;Nama Peserta;Tgl Lahir;Program;Status;Tgl Kepesertaan;Iuran Terakhir;Kode Desa\r\n${kpj};;Amaq Tak Dikenal;1971-03-03;JKK,JKM;AKTIF;;2026-10;${VILLAGE_A}\r\n`,
    };
  }

  /** A multipart BPJS participant upload. */
  bpjsUpload(fields: Record<string, string> = {}) {
    const { body, contentType } = multipartBody({ ...this.bpjsFile(), fields });
    return { payload: body, headers: { 'content-type': contentType } };
  }

  /**
   * Pending review pairs: per participant, two workers of one village with its name and birth date
   * (namesakes), so the import may link neither and suggests both. One review per participant is kept,
   * since confirming one closes the participant's others.
   */
  private async fillReviewPool(count: number): Promise<void> {
    const lines = ['No KPJ;NIK;Nama Peserta;Tgl Lahir;Program;Status;Tgl Kepesertaan;Iuran Terakhir;Kode Desa'];
    for (let i = 1; i <= count; i += 1) {
      const name = `Amaq Kembar ${this.letters(i + 100)}`;
      const birthDate = `1970-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
      for (let twin = 0; twin < 2; twin += 1) await this.ok('POST', '/api/workers', makeWorker({ villageCode: VILLAGE_A, name, birthDate }));
      lines.push(`${31_000_000_000 + i};;${name.toUpperCase()};${birthDate};JKK,JKM;AKTIF;;2026-11;${VILLAGE_A}`);
    }
    await importAndWait(this.t.app, 'bpjs', { cookie: this.admin, fileName: 'peserta-kembar.csv', content: lines.join('\r\n') });
    const pending = await this.ok('GET', '/api/reconciliation/reviews?status=pending&pageSize=100');
    const byKpj = new Map<string, string>();
    for (const r of pending.items as { id: string; participant: { kpj: string } }[]) byKpj.set(r.participant.kpj, r.id);
    this.reviewPool.push(...byKpj.values());
    if (this.reviewPool.length < count) throw new Error(`only ${this.reviewPool.length} of ${count} review suggestions were made`);
  }

  /** A pending review suggestion: one nobody will decide before, or (for refusals) the spare one. */
  review(fresh: boolean): string {
    const id = fresh ? this.reviewPool.shift() : this.reviewPool.at(-1);
    if (!id || (fresh && this.reviewPool.length === 0)) throw new Error('the review pool is used up: make it larger in MatrixFixtures.create');
    return id;
  }

  /** One civil-registry occupation's key and its current mapping (writing it back changes nothing). */
  occupationMapping(): Promise<{ key: string; occupation: string | null }> {
    return this.once('occupation-map', async () => (await this.ok('GET', '/api/imports/occupation-map')).items[0]);
  }

  // ---- Claims -----------------------------------------------------------------------------------

  /** A death reported for a protected worker, with the spouse as heir (status `reported`, documents missing). */
  reportedClaim(where: Where): Promise<ClaimRef & { missing: string[] }> {
    return this.made(where, 'reported-claim', async (village) => {
      const workerId = await this.insuredWorker(village);
      const res = await this.kit.report(this.admin, workerId, { heirs: [spouseHeir()] });
      if (res.statusCode !== 201) throw new Error(`fixture claim answered ${res.statusCode}: ${res.body}`);
      const claim = res.json();
      if (claim.status !== 'reported') throw new Error(`fixture claim is ${claim.status}, not reported`);
      this.remember('claim', claim.id);
      return { id: claim.id, workerId, heirIds: claim.heirs.map((h: { id: string }) => h.id), missing: claim.missing.map((d: { code: string }) => d.code) };
    });
  }

  sharedClaim(village: string): Promise<ClaimRef> {
    return this.once(`claim:${village}`, () => this.reportedClaim(village));
  }

  /** A claim with its checklist complete (`documents_complete`): ready to submit. */
  completeClaim(where: Where): Promise<ClaimRef> {
    return this.made(where, 'complete-claim', async (village) => {
      const claim = await this.reportedClaim(village);
      await this.kit.receive(this.admin, claim.id, claim.missing);
      return claim;
    });
  }

  submittedClaim(where: Where): Promise<ClaimRef> {
    return this.made(where, 'submitted-claim', async (village) => {
      const claim = await this.completeClaim(village);
      await this.ok('POST', `/api/claims/${claim.id}/submit`, { on: '2026-11-20' });
      return claim;
    });
  }

  approvedClaim(where: Where): Promise<ClaimRef> {
    return this.made(where, 'approved-claim', async (village) => {
      const claim = await this.submittedClaim(village);
      await this.ok('POST', `/api/claims/${claim.id}/approve`, { on: '2026-11-21' });
      return claim;
    });
  }

  rejectedClaim(where: Where): Promise<ClaimRef> {
    return this.made(where, 'rejected-claim', async (village) => {
      const claim = await this.submittedClaim(village);
      await this.ok('POST', `/api/claims/${claim.id}/reject`, { on: '2026-11-21', reason: 'Bukan kecelakaan kerja' });
      return claim;
    });
  }

  /** An approved claim with one payment to its heir; answers the claim and the payment. */
  claimWithPayment(where: Where): Promise<ClaimRef & { paymentId: string }> {
    return this.made(where, 'paid-once-claim', async (village) => {
      const claim = await this.approvedClaim(village);
      const paid = await this.ok('POST', `/api/claims/${claim.id}/payments`, { kind: 'funeral', amount: 10_000_000, paidOn: '2026-11-22', reference: `TRF-${this.next()}`, heirId: claim.heirIds[0] });
      return { ...claim, paymentId: paid.payments.at(-1).id as string };
    });
  }

  /** A reported claim with its KPJ card marked received (to withdraw). */
  claimWithDocument(where: Where): Promise<ClaimRef> {
    return this.made(where, 'document-claim', async (village) => {
      const claim = await this.reportedClaim(village);
      await this.ok('PUT', `/api/claims/${claim.id}/documents/kpj_card`, { receivedOn: '2026-11-18' });
      return claim;
    });
  }

  /**
   * A JKM death claim paid in full, of a worker insured for five years (scholarships need three), with a
   * child at primary school: its scholarship for 2026 can be claimed.
   */
  paidDeathClaim(where: Where): Promise<ClaimRef & { childId: string }> {
    return this.made(where, 'paid-claim', async (village) => {
      const workerId = await this.insuredWorker(village, '2021-01', '2026-12');
      const paid = await this.kit.paidDeathClaim(this.admin, workerId, [spouseHeir(), childHeir('2016-02-01', 'SD')], '2026-11-18');
      this.remember('claim', paid.id);
      const claim = await this.ok('GET', `/api/claims/${paid.id}`);
      const childId = claim.heirs.find((h: { relation: string }) => h.relation === 'child').id as string;
      return { id: paid.id, workerId, heirIds: claim.heirs.map((h: { id: string }) => h.id), childId };
    });
  }

  sharedPaidClaim(village: string) {
    return this.once(`paid-claim:${village}`, () => this.paidDeathClaim(village));
  }

  /** A hand-over ceremony (the manpower office's, regency-wide) with village A's paid claim. */
  handover(): Promise<string> {
    return this.once('handover', async () => {
      const claim = await this.sharedPaidClaim(VILLAGE_A);
      const res = await this.ok('POST', '/api/claims/handovers', { name: 'Penyerahan santunan uji matriks', heldOn: '2026-11-28', place: 'Kantor Bupati', claimIds: [claim.id] });
      return this.remember('handover', res.id);
    });
  }

  /** The benefit amounts in force (a new dated row repeats them). */
  benefitAmounts(): Promise<Record<string, number>> {
    return this.once('benefit-amounts', async () => (await this.ok('GET', '/api/benefits/rates')).items[0].amounts);
  }

  // ---- Coverage and awards ------------------------------------------------------------------------

  /**
   * A year whose coverage target or denominator of the region exists, to be removed (years far ahead, one
   * per call). A refused request needs none: it must be refused before anything is looked up.
   */
  async coverageRow(kind: 'targets' | 'denominators', region: string, fresh: boolean): Promise<number> {
    const year = this.nextYear();
    if (!fresh) return year;
    const body = kind === 'targets' ? { percent: 50, basis: 'register' } : { value: 1000, source: 'BPS Sakernas uji' };
    // Only the regency's own regions can hold one; elsewhere there is nothing to remove.
    if (region.startsWith(REGENCY)) await this.ok('PUT', `/api/coverage/${kind}/${region}/${year}`, body);
    return year;
  }

  /** An award round of 2026 over village A's district, and one of its winning villages. */
  awardRound(): Promise<{ id: string; winner: string }> {
    return this.once('award-round', async () => {
      const round = await this.ok('POST', '/api/awards/rounds', {
        name: 'Penghargaan uji matriks',
        period: '2026',
        criteria: { coverage: 50, growth: 30, covered: 20 },
        winners: 1,
        region: DISTRICT_A,
      });
      this.remember('award-round', round.id);
      const winner = round.entries.find((e: { isWinner: boolean; code: string }) => e.isWinner)?.code as string | undefined;
      if (!winner) throw new Error('the award round has no winner');
      return { id: round.id as string, winner };
    });
  }

  // ---- Census ---------------------------------------------------------------------------------------

  /** A round running through November, with the given villages. */
  async censusRound(villages: string[]): Promise<string> {
    const round = await this.ok('POST', '/api/census/rounds', {
      name: `Sensus uji ${this.letters()}`,
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroups: ['farm_labourer', 'fisher'],
      villages: villages.map((villageCode) => ({ villageCode, target: 20 })),
    });
    return this.remember('census-round', round.id);
  }

  /** The running round of both villages (so the enumerator of A may download A's register). */
  sharedCensusRound(): Promise<string> {
    return this.once('census:AB', () => this.censusRound([VILLAGE_A, VILLAGE_B]));
  }

  /** A round of one village only: in another village's scope it is "not yours". */
  villageCensusRound(village: string): Promise<string> {
    return this.once(`census:${village}`, () => this.censusRound([village]));
  }

  /**
   * One census entry recorded yesterday: a new worker of the village, or a change to (or confirmation of)
   * a worker already registered there.
   */
  async censusEntry(kind: 'new' | 'update' | 'confirm', where: { village: string; fresh: boolean }) {
    const envelope = { key: randomUUID(), roundId: await this.sharedCensusRound(), recordedAt: '2026-11-23T02:15:00+08:00' };
    if (kind === 'new') return { entries: [{ ...envelope, kind, fields: makeWorker({ villageCode: where.village }) }] };
    const worker = await this.worker(where);
    if (kind === 'confirm') return { entries: [{ ...envelope, kind, workerId: worker.id }] };
    // Downloaded before any change: the base is the factory's hamlet, so the edit applies without conflict.
    return { entries: [{ ...envelope, kind, workerId: worker.id, baseVersion: 'downloaded-earlier', base: { hamlet: 'Dusun Lauk' }, changes: { hamlet: 'Dusun Daya' } }] };
  }
}
