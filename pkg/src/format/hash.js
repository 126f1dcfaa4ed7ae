// A short, stable hash of a string, the same on every platform and in every run: 64-bit FNV-1a
// over the UTF-8 bytes, as 16 hex digits. Not cryptographic: it names things (a SARIF result
// across runs, a marker no input can know beforehand), it does not protect them. Platform-neutral
// like the formats, which run in browsers too (no node:crypto).

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

export function hash64(text) {
  let h = OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}
