/**
 * A seeded random generator: the same seed always gives the same codes and tokens, which is what
 * makes a shared link, a side-by-side comparison and a test reproducible (DESIGN invariant 4).
 *
 * A real authorization server MUST draw these values from a CSPRNG (RFC 6749 §10.10, RFC 7636 §7.1);
 * this one is predictable on purpose and the site says so.
 */
export interface Random {
  /** `n` pseudo-random octets. */
  bytes(n: number): Uint8Array;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
}

/** cyrb128: spreads a string seed over four 32-bit words (the usual seeding for sfc32). */
function cyrb128(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export function createRandom(seed: string): Random {
  let [a, b, c, d] = cyrb128(seed);
  // sfc32: small, fast, and passes PractRand; plenty for a teaching simulator.
  function next32(): number {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  }
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        const word = next32();
        for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
      }
      return out;
    },
    string(length, alphabet) {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[next32() % alphabet.length];
      return out;
    },
  };
}

/** base64url without padding (RFC 4648 §5), as every OAuth artifact here is written. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
