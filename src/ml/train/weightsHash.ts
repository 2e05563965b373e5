// weightsHash.ts — a trained model's identity: SHA-256 of its float32 weights as model-float.bin stores them, so a
// run in Node and one in the page can be compared byte for byte.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeFloatWeights } from '../mlp/floatWeights';
import type { FloatMlp } from '../mlp/floatMlp';

export const weightsSha256 = (mlp: FloatMlp): string => bytesToHex(sha256(encodeFloatWeights(mlp).bytes));
