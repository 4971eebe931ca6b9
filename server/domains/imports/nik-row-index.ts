/**
 * First row of each NIK seen in an import file (the duplicate-in-file rule), for files of a million rows:
 * an open-addressing hash table over typed arrays holds a NIK in 12 bytes, where a Map of strings needs
 * about ten times that.
 */
export class NikRowIndex {
  private high = new Uint32Array(0);
  private low = new Uint32Array(0);
  /** Row number + 1; 0 marks an empty slot. */
  private rows = new Uint32Array(0);
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    this.allocate(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** The row the NIK was first seen on, or undefined; records `row` when the NIK is new. */
  firstRowOrAdd(nik: string, row: number): number | undefined {
    if (!/^\d{16}$/.test(nik)) throw new Error('NikRowIndex holds 16-digit NIKs only');
    const high = Number(nik.slice(0, 8));
    const low = Number(nik.slice(8));
    const mask = this.rows.length - 1;
    for (let slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.rows[slot]!;
      if (stored === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.rows[slot] = row + 1;
        if (++this.count * 2 > this.rows.length) this.grow();
        return undefined;
      }
      if (this.high[slot] === high && this.low[slot] === low) return stored - 1;
    }
  }

  private allocate(capacity: number): void {
    let size = 1;
    while (size < capacity) size <<= 1;
    this.high = new Uint32Array(size);
    this.low = new Uint32Array(size);
    this.rows = new Uint32Array(size);
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.allocate(rows.length * 2);
    const mask = this.rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = hash(high[i]!, low[i]!) & mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & mask;
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}

function hash(high: number, low: number): number {
  let h = Math.imul(high ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(low, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
