// Seeded pseudo-random numbers for synthetic populations. Each household draws from its own
// stream, derived from (seed, household index) alone, so a population is the same whether it is
// generated in one thread or split across workers, and household 17 does not change when n does.

/** splitmix32: a fast integer hash used to derive independent stream seeds. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32 (Small Fast Counter): 128 bits of state, integer-only, so identical on every platform. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = this.b = this.c = this.d = 0;
    this.reset(seed, stream);
  }

  /** The stream (seed, stream) from its start: one generator serves every household of a chunk. */
  reset(seed: number, stream: number): void {
    // Seeds and indices above 2^32 are folded in by halves, so every safe integer is distinct.
    const sLo = seed >>> 0;
    const sHi = Math.floor(seed / 4294967296) >>> 0;
    const iLo = stream >>> 0;
    const iHi = Math.floor(stream / 4294967296) >>> 0;
    this.a = mix32(sLo ^ 0x5bd1e995);
    this.b = mix32(this.a ^ sHi ^ 0x1b873593);
    this.c = mix32(this.b ^ iLo);
    this.d = mix32(this.c ^ iHi ^ 0x27d4eb2f);
    for (let i = 0; i < 12; i++) this.nextU32(); // let the state decorrelate from the seeds
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream position simple). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 by the boost gamma(a+1)·U^(1/a). */
  gamma(shape: number): number {
    if (shape < 1) {
      let u = this.next();
      while (u === 0) u = this.next();
      return this.gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(a, b) from two gammas. */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }
}
