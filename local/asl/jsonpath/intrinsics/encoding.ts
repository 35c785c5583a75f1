/**
 * Intrinsics for data encoding and decoding and for hash calculation: States.Base64Encode, States.Base64Decode,
 * States.Hash.
 */
import { createHash } from 'node:crypto';
import { Arguments } from './arguments';
import type { IntrinsicFunction } from './arguments';

/** Base64Encode, Base64Decode and Hash each take "a data string of up to 10,000 characters". */
const INPUT_LIMIT = 10_000;

/** The algorithms the developer guide lists, mapped to Node's names. */
const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const base64Encode: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => Buffer.from(new Arguments('States.Base64Encode', args).limitedString(0, 'data', INPUT_LIMIT), 'utf8').toString('base64'),
};

const base64Decode: IntrinsicFunction = {
  minArgs: 1,
  maxArgs: 1,
  run: (args) => {
    const read = new Arguments('States.Base64Decode', args);
    // MIME Base64 (per the developer guide) allows line breaks between groups.
    const encoded = read.limitedString(0, 'base64 data', INPUT_LIMIT).replace(/[\r\n]/g, '');
    const unpadded = encoded.replace(/=+$/, '');
    if (!BASE64.test(encoded) || unpadded.length % 4 === 1) {
      read.fail('the first argument (base64 data) is not valid Base64: it must hold only A-Z, a-z, 0-9, "+" and "/", with at most two "=" at the end');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(unpadded, 'base64'));
    } catch {
      return read.fail('the decoded bytes are not a UTF-8 string');
    }
  },
};

const hash: IntrinsicFunction = {
  minArgs: 2,
  maxArgs: 2,
  run: (args) => {
    const read = new Arguments('States.Hash', args);
    const data = read.limitedString(0, 'data', INPUT_LIMIT);
    const algorithm = read.string(1, 'algorithm');
    const nodeAlgorithm = HASH_ALGORITHMS[algorithm];
    if (nodeAlgorithm === undefined || !Object.hasOwn(HASH_ALGORITHMS, algorithm)) {
      read.fail(`the second argument (algorithm) must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}, but it is '${algorithm}'`);
    }
    return createHash(nodeAlgorithm).update(data, 'utf8').digest('hex');
  },
};

/** This family's intrinsic functions, keyed by the name used in a definition; evaluate.ts gathers all families. */
const encodingFunctions: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Base64Encode': base64Encode,
  'States.Base64Decode': base64Decode,
  'States.Hash': hash,
};

export { encodingFunctions };
