// Case ids: ULID-shaped (26 Crockford base-32 characters, 48-bit millisecond time then 80 random
// bits), so ids sort by creation time. The time comes from the command's `at` (the injected clock)
// and the randomness is passed in: nothing here reads a global clock or random source.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulidFrom(timeMs: number, random: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > 2 ** 48 - 1) {
    throw new RangeError(`ULID time out of range: ${timeMs}`);
  }
  if (random.length < 10) throw new RangeError('ULID needs 10 random bytes');
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  // 80 bits → 16 characters of 5 bits, most significant first.
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < 10; i++) {
    acc = (acc << 8) | random[i]!;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return time + rand;
}

/** A case-id generator taking its time from the command's ISO `at` and bytes from `randomBytes`. */
export function ulidGenerator(randomBytes: (n: number) => Uint8Array): (at: string) => string {
  return (at) => {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) throw new RangeError(`not an ISO timestamp: ${at}`);
    return ulidFrom(ms, randomBytes(10));
  };
}
