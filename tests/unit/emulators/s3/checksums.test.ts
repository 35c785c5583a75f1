import {
  checksumOf,
  compositeChecksum,
  createChecksumHasher,
  isWellFormedChecksum,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
} from '../../../../local/emulators/s3/checksums';

describe('Function: checksumOf()', () => {
  // Check values of the standard catalogue of CRC parameters for the input "123456789", and the SHA test vectors.
  it.each<[ChecksumAlgorithm, string]>([
    ['CRC32', 'cbf43926'],
    ['CRC32C', 'e3069283'],
    ['CRC64NVME', 'ae8b14860a799888'],
    ['SHA1', 'f7c3bc1d808e04732adf679965ccc34ca7ae3441'],
    ['SHA256', '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225'],
  ])('computes the %s check value of "123456789"', (algorithm, hex) => {
    expect(Buffer.from(checksumOf(algorithm, Buffer.from('123456789')), 'base64').toString('hex')).toBe(hex);
  });

  it.each<ChecksumAlgorithm>(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'])('gives the same %s when fed incrementally', (algorithm) => {
    // Prepare
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) % 256));
    const hasher = createChecksumHasher(algorithm);

    // Act
    for (let offset = 0; offset < data.length; offset += 37) hasher.update(data.subarray(offset, offset + 37));

    // Assess
    expect(hasher.digest().toString('base64')).toBe(checksumOf(algorithm, data));
  });
});

describe('Function: compositeChecksum()', () => {
  it('hashes the concatenated raw part checksums and appends the part count', () => {
    // Prepare
    const parts = [checksumOf('CRC32', Buffer.from('part one')), checksumOf('CRC32', Buffer.from('part two'))];
    const concatenated = Buffer.concat(parts.map((value) => Buffer.from(value, 'base64')));

    // Act
    const composite = compositeChecksum('CRC32', parts);

    // Assess
    expect(composite).toBe(`${checksumOf('CRC32', concatenated)}-2`);
  });
});

describe('Function: isWellFormedChecksum()', () => {
  it.each<[ChecksumAlgorithm, string, boolean]>([
    ['CRC32', 'NhCmhg==', true],
    ['CRC32', 'rosUhgp5mIg=', false],
    ['CRC64NVME', 'rosUhgp5mIg=', true],
    ['SHA256', 'not base64!', false],
  ])('says %s value %s is well formed: %s', (algorithm, value, expected) => {
    expect(isWellFormedChecksum(algorithm, value)).toBe(expected);
  });
});

describe('Function: parseChecksumAlgorithm()', () => {
  it.each([
    ['crc32', 'CRC32'],
    ['CRC64NVME', 'CRC64NVME'],
    ['md4', undefined],
  ])('parses %s as %s', (input, expected) => {
    expect(parseChecksumAlgorithm(input)).toBe(expected);
  });
});
