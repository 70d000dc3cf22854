// Counter-based random numbers for synthetic populations. A draw is a pure function of (seed,
// stream, draw number, counter): no generator state is carried from one draw to the next, so the
// generator (generate.ts) fills one field for a whole block of households in a loop of its own,
// and household i still depends only on (spec, seed, i) — not on n, on how the range is split
// into chunks, or on how many threads run. The function is Threefry-2x32 with 13 rounds (Salmon,
// Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011; 13 rounds is the
// fewest their tests found free of statistical defects): 32-bit additions, rotations and exclusive
// ors only, so every platform draws the same bits. The key is (seed, stream + 2^16 × draw), the
// counter (lo, hi) names the row (docs/populations.md gives the layout).

const PARITY = 0x1bd11bda;
const TWO_TO_MINUS_52 = 2 ** -52;

/** Streams and draw numbers share the key's second word: a stream id below 2^16, a draw number below 2^16. */
export const STREAMS = 65536;

/** The key's second word for draw `d` of `stream`. */
export const drawKey = (stream: number, d: number): number => (stream + STREAMS * d) | 0;

/** A seed as the key's first word: seeds are whole numbers below 2^32 (spec.ts, the CLI and the API check it). */
export function seedWord(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 4294967296) throw new RangeError(`seed must be a whole number below 2^32: ${seed}`);
  return seed | 0;
}

/** Rows drawing from one stream: positions at[0..m), each with its counter (lo[r], hi[r]). */
export interface StreamRows {
  /** seedWord(seed). */
  seed: number;
  stream: number;
  m: number;
  at: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
}

let shared = new Float64Array(1024);

/**
 * Draw `d` of the stream for every row: out[j] for the row at[j], uniform in (0, 1) — never 0
 * nor 1, so inverse distribution functions may be applied — with 52 random bits, the top 26 of
 * each Threefry output word, as (k + 1/2) / 2^52. Without `out`, a buffer valid until the next call.
 */
export function uniforms(rows: StreamRows, d: number, out?: Float64Array): Float64Array {
  const { m, at, lo, hi, seed } = rows;
  let u = out ?? shared;
  if (u.length < m) {
    if (out) throw new RangeError('uniforms: buffer too small');
    u = shared = new Float64Array(Math.max(m, shared.length * 2));
  }
  const k0 = seed;
  const k1 = drawKey(rows.stream, d);
  const k2 = k0 ^ k1 ^ PARITY;
  // The key schedule's injections, once per call rather than per row (the same 32-bit sums).
  const s1 = (k2 + 1) | 0;
  const s2 = (k0 + 2) | 0;
  const s3 = (k1 + 3) | 0;
  for (let j = 0; j < m; j++) {
    const r = at[j]!;
    let x0 = (lo[r]! + k0) | 0;
    let x1 = (hi[r]! + k1) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + k1) | 0;
    x1 = (x1 + s1) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
    x0 = (x0 + k2) | 0;
    x1 = (x1 + s2) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + k0) | 0;
    x1 = (x1 + s3) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    // × 2^-52 rather than ÷ 2^52: scaling by a power of two is exact either way, and a product is cheaper.
    u[j] = ((x0 >>> 6) * 67108864 + (x1 >>> 6) + 0.5) * TWO_TO_MINUS_52;
  }
  return u;
}

/**
 * The standard normal quantiles of xs[0..m), in place, each x in (0, 1): Wichura's algorithm AS
 * 241 (PPND16, Applied Statistics 37, 1988), accurate to about 1e-16. One uniform per normal draw,
 * no rejection. A loop over a buffer rather than a call per draw: a double returned from a call
 * V8 does not inline is a heap allocation.
 */
export function normalQuantiles(xs: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) {
    const p = xs[j]!;
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      const r = 0.180625 - q * q;
      xs[j] =
        (q *
          (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r +
            1971.5909503065513) *
            r +
            133.14166789178438) *
            r +
            3.3871328727963665)) /
        (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r +
          687.1870074920579) *
          r +
          42.31333070160091) *
          r +
          1);
      continue;
    }
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let x: number;
    if (r <= 5) {
      r -= 1.6;
      x =
        (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
          3.6478483247632045) *
          r +
          5.769497221460691) *
          r +
          4.630337846156546) *
          r +
          1.4234371107496835) /
        (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
          0.6897673349851) *
          r +
          1.6763848301838038) *
          r +
          2.053191626637759) *
          r +
          1);
    } else {
      r -= 5;
      x =
        (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
          0.29656057182850487) *
          r +
          1.7848265399172913) *
          r +
          5.463784911164114) *
          r +
          6.657904643501103) /
        (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r + 0.0007868691311456133) * r +
          0.014875361290850615) *
          r +
          0.1369298809227358) *
          r +
          0.599832206555888) *
          r +
          1);
    }
    xs[j] = q < 0 ? -x : x;
  }
}

/** normalQuantiles of one probability (the tests'). */
export function normalQuantile(p: number): number {
  const one = Float64Array.of(p);
  normalQuantiles(one, 1);
  return one[0]!;
}
