/**
 * The checksum algorithms of S3's "flexible checksums" (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), computed
 * incrementally so bodies stream straight to disk. Values travel base64-encoded, big-endian for the CRCs, as in
 * the `x-amz-checksum-*` headers.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Algorithm names as S3 spells them in `x-amz-checksum-algorithm` and `ChecksumAlgorithm`. */
const ChecksumAlgorithms = {
  CRC32: 'CRC32',
  CRC32C: 'CRC32C',
  CRC64NVME: 'CRC64NVME',
  SHA1: 'SHA1',
  SHA256: 'SHA256',
} as const;

type ChecksumAlgorithm = (typeof ChecksumAlgorithms)[keyof typeof ChecksumAlgorithms];

/** `FULL_OBJECT`: checksum of all bytes; `COMPOSITE`: checksum of the parts' checksums (multipart only). */
const ChecksumTypes = { FULL_OBJECT: 'FULL_OBJECT', COMPOSITE: 'COMPOSITE' } as const;

type ChecksumType = (typeof ChecksumTypes)[keyof typeof ChecksumTypes];

/** An incremental digest. */
type Hasher = {
  update(data: Uint8Array): void;
  digest(): Buffer;
};

const ALGORITHMS: readonly ChecksumAlgorithm[] = Object.values(ChecksumAlgorithms);

/** Parses an algorithm name case-insensitively (the SDK sends upper case, the CLI sometimes lower case). */
const parseChecksumAlgorithm = (value: string): ChecksumAlgorithm | undefined =>
  ALGORITHMS.find((algorithm) => algorithm === value.toUpperCase());

/** The request/response header that carries an algorithm's value, e.g. `x-amz-checksum-crc32`. */
const checksumHeaderName = (algorithm: ChecksumAlgorithm): string => `x-amz-checksum-${algorithm.toLowerCase()}`;

/** The XML element that carries an algorithm's value, e.g. `ChecksumCRC32`. */
const checksumElementName = (algorithm: ChecksumAlgorithm): string => `Checksum${algorithm}`;

const uint32Be = (value: number): Buffer => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
};

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones. Kept as two 32-bit halves,
 * because BigInt arithmetic per byte is far too slow for object bodies.
 */
const CRC64_TABLE = (() => {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  const polyHigh = 0x9a6c9329;
  const polyLow = 0xac4bc9b5;
  for (let n = 0; n < 256; n += 1) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k += 1) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h >>>= 1;
      if (carry) {
        h = (h ^ polyHigh) >>> 0;
        l = (l ^ polyLow) >>> 0;
      }
    }
    high[n] = h;
    low[n] = l;
  }
  return { high, low };
})();

const crc32Hasher = (): Hasher => {
  let value = 0;
  return {
    update: (data) => {
      value = crc32(data, value);
    },
    digest: () => uint32Be(value),
  };
};

const crc32cHasher = (): Hasher => {
  let value = 0xffffffff;
  return {
    update: (data) => {
      let c = value;
      for (let i = 0; i < data.length; i += 1) c = CRC32C_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
      value = c >>> 0;
    },
    digest: () => uint32Be(value ^ 0xffffffff),
  };
};

const crc64NvmeHasher = (): Hasher => {
  let high = 0xffffffff;
  let low = 0xffffffff;
  const { high: tableHigh, low: tableLow } = CRC64_TABLE;
  return {
    update: (data) => {
      let h = high;
      let l = low;
      for (let i = 0; i < data.length; i += 1) {
        const index = (l ^ data[i]) & 0xff;
        l = (((l >>> 8) | (h << 24)) ^ tableLow[index]) >>> 0;
        h = ((h >>> 8) ^ tableHigh[index]) >>> 0;
      }
      high = h;
      low = l;
    },
    digest: () => {
      const out = Buffer.alloc(8);
      out.writeUInt32BE((high ^ 0xffffffff) >>> 0, 0);
      out.writeUInt32BE((low ^ 0xffffffff) >>> 0, 4);
      return out;
    },
  };
};

const nodeHasher = (name: 'sha1' | 'sha256' | 'md5'): Hasher => {
  const hash: Hash = createHash(name);
  return { update: (data) => void hash.update(data), digest: () => hash.digest() };
};

/**
 * A fresh incremental hasher for `algorithm`.
 *
 * @example
 * const hasher = createChecksumHasher('CRC32');
 * hasher.update(Buffer.from('hello'));
 * hasher.digest().toString('base64'); // 'NhCmhg=='
 */
const createChecksumHasher = (algorithm: ChecksumAlgorithm): Hasher => {
  switch (algorithm) {
    case 'CRC32':
      return crc32Hasher();
    case 'CRC32C':
      return crc32cHasher();
    case 'CRC64NVME':
      return crc64NvmeHasher();
    case 'SHA1':
      return nodeHasher('sha1');
    case 'SHA256':
      return nodeHasher('sha256');
  }
};

/** Base64 checksum of one buffer. */
const checksumOf = (algorithm: ChecksumAlgorithm, data: Uint8Array): string => {
  const hasher = createChecksumHasher(algorithm);
  hasher.update(data);
  return hasher.digest().toString('base64');
};

/**
 * The checksum of a multipart object of type COMPOSITE: the algorithm over the concatenated raw part checksums,
 * suffixed `-<part count>` (S3 "Using part-level checksums for multipart uploads").
 */
const compositeChecksum = (algorithm: ChecksumAlgorithm, partChecksums: readonly string[]): string => {
  const hasher = createChecksumHasher(algorithm);
  for (const value of partChecksums) hasher.update(Buffer.from(value, 'base64'));
  return `${hasher.digest().toString('base64')}-${partChecksums.length}`;
};

/** Whether `value` decodes to the digest length of `algorithm` (S3 rejects malformed values as InvalidRequest). */
const isWellFormedChecksum = (algorithm: ChecksumAlgorithm, value: string): boolean => {
  const expectedBytes = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 }[algorithm];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return Buffer.from(value, 'base64').length === expectedBytes;
};

export {
  checksumElementName,
  checksumHeaderName,
  checksumOf,
  ChecksumAlgorithms,
  ChecksumTypes,
  compositeChecksum,
  createChecksumHasher,
  isWellFormedChecksum,
  nodeHasher,
  parseChecksumAlgorithm,
};
export type { ChecksumAlgorithm, ChecksumType, Hasher };
