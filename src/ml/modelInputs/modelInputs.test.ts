// Model inputs from files: raw int8 and float32 tensors, .npy arrays (versions 1-3, every supported dtype, Fortran
// order, refusals) and images (area-averaged resize, channels, both pixel conventions), each quantized like the
// firmware does (TFLM AffineQuantize).
import { describe, expect, it } from 'vitest';
import { quantizeInt8 } from '../quant/quantize';
import {
  imageToInput,
  ModelInputError,
  npyToInput,
  parseNpy,
  parseRawFloat32,
  parseRawInt8,
  tensorFileKind,
  tensorFileToInput,
  type InputSpec,
} from '.';

const spec: InputSpec = { shape: [1, 2, 3, 1], scale: 0.5, zeroPoint: -10 };

/** A .npy file laid out as numpy.lib.format.write_array does (header padded with spaces to a multiple of 64). */
function npy(descr: string, shape: number[], data: Uint8Array, options: { version?: number; fortran?: boolean } = {}) {
  const version = options.version ?? 1;
  const dict = `{'descr': '${descr}', 'fortran_order': ${options.fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const lengthBytes = version === 1 ? 2 : 4;
  const pad = 64 - ((8 + lengthBytes + dict.length + 1) % 64);
  const header = new TextEncoder().encode(dict + ' '.repeat(pad % 64) + '\n');
  const out = new Uint8Array(8 + lengthBytes + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(header, 8 + lengthBytes);
  out.set(data, 8 + lengthBytes + header.length);
  return out;
}

const f32 = (values: number[], littleEndian = true) => {
  const b = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(b.buffer).setFloat32(4 * i, v, littleEndian));
  return b;
};

const q = (v: number) => quantizeInt8(v, spec.scale, spec.zeroPoint);

describe('raw tensors', () => {
  it('takes int8 bytes as they are and refuses another size', () => {
    expect([...parseRawInt8(Uint8Array.of(0, 1, 127, 128, 255, 5), spec)]).toEqual([0, 1, 127, -128, -1, 5]);
    expect(() => parseRawInt8(new Uint8Array(5), spec)).toThrow(
      "a raw int8 input of 5 bytes; the model's input [1, 2, 3, 1] takes 6 bytes",
    );
  });

  it('quantizes little-endian float32 with the input scale and zero point, exactly sized', () => {
    const values = [0, 0.25, -0.75, 1e6, -1e6, 3.3];
    expect([...parseRawFloat32(f32(values), spec)]).toEqual([-10, -10 + 1, -10 - 2, 127, -128, q(3.3)]);
    expect(q(0.25)).toBe(-9); // round half away from zero, as TFLM
    expect(() => parseRawFloat32(new Uint8Array(23), spec)).toThrow(/takes 6 floats \(24 bytes\)/);
    expect(() => parseRawFloat32(f32([0, 0, NaN, 0, 0, 0]), spec)).toThrow('element 2 is NaN');
  });

  it('tells int8 from float32 by name, else by size, and says both sizes when neither fits', () => {
    expect(tensorFileKind('x.bin', new Uint8Array(6), spec)).toBe('int8');
    expect(tensorFileKind('x.bin', new Uint8Array(24), spec)).toBe('float32');
    expect(tensorFileKind('x.f32', new Uint8Array(6), spec)).toBe('float32');
    expect(tensorFileKind('kws_sample_input.int8.bin', new Uint8Array(24), spec)).toBe('int8');
    expect(tensorFileKind('x.NPY', new Uint8Array(1), spec)).toBe('npy');
    expect(() => tensorFileKind('x.raw', new Uint8Array(7), spec)).toThrow(
      "x.raw: 7 bytes; the model's input [1, 2, 3, 1] takes 6 bytes as raw int8 or 24 as raw float32",
    );
    expect(() => tensorFileToInput('x.i8', new Uint8Array(24), spec)).toThrow(ModelInputError);
  });
});

describe('.npy', () => {
  const halves = [0, 0.5, 1, 1.5, 2, 2.5];
  it('reads versions 1, 2 and 3 of the header', () => {
    for (const version of [1, 2, 3]) {
      const a = parseNpy(npy('<f4', [2, 3], f32(halves), { version }));
      expect(a).toMatchObject({ descr: '<f4', shape: [2, 3], fortranOrder: false });
      expect([...a.values]).toEqual(halves);
    }
  });

  it('reads a file numpy.save wrote (i1, Fortran order): transposed to row-major', () => {
    // numpy.lib.format.write_array(f, np.asfortranarray(np.arange(6, dtype='i1').reshape(2, 3)), version=(1, 0))
    const hex =
      '934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d' +
      '20'.repeat(59) +
      '0a000301040205';
    const bytes = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
    expect(parseNpy(bytes)).toMatchObject({ descr: '|i1', shape: [2, 3], fortranOrder: true });
    expect([...npyToInput(bytes, spec)]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('quantizes f4 and f8 (either byte order); takes i1 as is, u1 shifted by -128, wider ints if in int8 range', () => {
    const f8 = new Uint8Array(48);
    halves.forEach((v, i) => new DataView(f8.buffer).setFloat64(8 * i, v, true));
    const want = halves.map(q);
    expect([...npyToInput(npy('<f4', [1, 2, 3, 1], f32(halves)), spec)]).toEqual(want);
    expect([...npyToInput(npy('>f4', [6], f32(halves, false)), spec)]).toEqual(want);
    expect([...npyToInput(npy('<f8', [2, 3], f8), spec)]).toEqual(want);
    expect([...npyToInput(npy('|i1', [6], Uint8Array.of(0, 255, 128, 127, 1, 2)), spec)]).toEqual([
      0, -1, -128, 127, 1, 2,
    ]);
    expect([...npyToInput(npy('|u1', [6], Uint8Array.of(0, 255, 128, 127, 1, 2)), spec)]).toEqual([
      -128, 127, 0, -1, -127, -126,
    ]);
    const i2 = new Uint8Array(12);
    [-128, 127, 0, 1, -1, 5].forEach((v, i) => new DataView(i2.buffer).setInt16(2 * i, v, true));
    expect([...npyToInput(npy('<i2', [6], i2), spec)]).toEqual([-128, 127, 0, 1, -1, 5]);
    new DataView(i2.buffer).setInt16(4, 300, true);
    expect(() => npyToInput(npy('<i2', [6], i2), spec)).toThrow(
      '.npy: element 2 is 300: <i2 inputs must hold int8 values',
    );
  });

  it('refuses what it cannot read with a clear reason', () => {
    const cases: [Uint8Array, string | RegExp][] = [
      [Uint8Array.of(1, 2, 3), 'not a .npy file'],
      [npy('<f2', [6], new Uint8Array(12)), "dtype '<f2' is not supported"],
      [npy('<c8', [6], new Uint8Array(48)), "dtype '<c8' is not supported"],
      [npy('|i2', [6], new Uint8Array(12)), "dtype '|i2' is not supported"],
      [npy('<f4', [2, 3], f32(halves).subarray(0, 20)), 'needs 24 data bytes, the file has 20'],
      [npy('<f4', [7], f32([...halves, 0])), "shape (7) has 7 elements; the model's input [1, 2, 3, 1] 6"],
      [npy('<f4', [6], f32(halves), { version: 4 }), 'format version 4.0'],
      [npy('<f4', [2, 'x' as unknown as number], f32(halves)), "shape entry 'x' is not a dimension"],
    ];
    for (const [bytes, why] of cases) expect(() => npyToInput(bytes, spec)).toThrow(why);
    const truncated = npy('<f4', [6], f32(halves)).subarray(0, 40);
    expect(() => npyToInput(truncated, spec)).toThrow('the file ends before');
  });
});

describe('.npy from hostile bytes', () => {
  it('2,000 mutated files: each is read or refused with a ModelInputError, never another exception', () => {
    const base = npy('<f4', [1, 2, 3, 1], f32([0, 0.5, 1, 1.5, 2, 2.5]));
    let x = 0x9e3779b9;
    const rand = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const m = rand(3) === 0 ? base.slice(0, rand(base.length)) : base.slice();
      for (let k = rand(4) + 1; k > 0 && m.length > 0; k--) m[rand(Math.min(m.length, 80))] = rand(256);
      try {
        expect(npyToInput(m, spec)).toHaveLength(6);
      } catch (e) {
        if (!(e instanceof ModelInputError)) throw e;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(500);
  });
});

describe('images', () => {
  const rgba = (w: number, h: number, f: (x: number, y: number) => [number, number, number]) => ({
    width: w,
    height: h,
    data: Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) =>
      i % 4 === 3 ? 255 : f((i >> 2) % w, Math.floor((i >> 2) / w))[i % 4]!,
    ),
  });
  const grey: InputSpec = { shape: [1, 2, 2, 1], scale: 1 / 255, zeroPoint: -128 };

  it('area-averages to H x W and takes the BT.601 luma for one channel, [0, 1] pixels', () => {
    // 4x4: left half white, right half black; the top-right quarter is half grey (128).
    const img = rgba(4, 4, (x, y) => (x < 2 ? [255, 255, 255] : y < 2 && x === 2 ? [255, 255, 255] : [0, 0, 0]));
    const out = imageToInput(img, grey);
    expect([...out]).toEqual([127, quantizeInt8(0.5, 1 / 255, -128), 127, -128]);
    const red = imageToInput(
      rgba(2, 2, () => [255, 0, 0]),
      grey,
    );
    expect([...red]).toEqual(Array(4).fill(quantizeInt8(0.299, 1 / 255, -128)));
  });

  it('keeps R, G, B for three channels; the range convention spans the quantized range', () => {
    const rgb: InputSpec = { shape: [2, 1, 3], scale: 0.02, zeroPoint: 3 };
    const img = rgba(1, 2, (_, y) => (y === 0 ? [0, 255, 51] : [255, 0, 0]));
    expect([...imageToInput(img, rgb, 'unit')]).toEqual([0, 1, 0.2, 1, 0, 0].map((v) => quantizeInt8(v, 0.02, 3)));
    expect([...imageToInput(img, rgb, 'range')]).toEqual([-128, 127, -77, 127, -128, -128]);
  });

  it('refuses an input that is not an image', () => {
    expect(() =>
      imageToInput(
        rgba(2, 2, () => [0, 0, 0]),
        { shape: [1, 490], scale: 1, zeroPoint: 0 },
      ),
    ).toThrow("the model's input [1, 490] is not an image");
    expect(() =>
      imageToInput(
        rgba(2, 2, () => [0, 0, 0]),
        { shape: [1, 4, 4, 2], scale: 1, zeroPoint: 0 },
      ),
    ).toThrow(ModelInputError);
  });
});
