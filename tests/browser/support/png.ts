import { inflateSync } from 'node:zlib';

/** A decoded image, 8-bit RGBA, row by row. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes the PNGs Chromium writes for screenshots: 8 bits per channel, not interlaced,
 * greyscale or truecolour, with or without alpha. Anything else throws.
 */
export function decodePng(png: Uint8Array): RgbaImage {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!SIGNATURE.every((value, index) => bytes[index] === value)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = CHANNELS[colorType ?? -1] ?? 0;
      if (bitDepth !== 8 || channels === 0 || interlace !== 0) {
        throw new Error(`unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (width === 0 || height === 0) throw new Error('PNG without IHDR');

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG data is truncated');
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[source + x] ?? 0;
      const left = x >= channels ? (rows[row + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[row - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[row - stride + x - channels] ?? 0) : 0;
      let predicted: number;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = left; break;
        case 2: predicted = up; break;
        case 3: predicted = (left + up) >> 1; break;
        case 4: predicted = paeth(left, up, upLeft); break;
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      rows[row + x] = (value + predicted) & 0xff;
    }
  }

  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const grey = channels <= 2;
    const r = rows[j] ?? 0;
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = grey ? r : (rows[j + 1] ?? 0);
    pixels[i * 4 + 2] = grey ? r : (rows[j + 2] ?? 0);
    pixels[i * 4 + 3] = channels === 4 ? (rows[j + 3] ?? 0) : channels === 2 ? (rows[j + 1] ?? 0) : 255;
  }
  return { width, height, pixels };
}

export interface ColorStats {
  /** Distinct RGBA values. */
  readonly distinctColors: number;
  /** Share (0..1) of pixels having the most common colour. */
  readonly dominantShare: number;
}

export function colorStats(image: RgbaImage): ColorStats {
  const counts = new Map<number, number>();
  const view = new DataView(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  for (let offset = 0; offset + 4 <= image.pixels.byteLength; offset += 4) {
    const key = view.getUint32(offset);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = image.width * image.height;
  const dominant = Math.max(0, ...counts.values());
  return { distinctColors: counts.size, dominantShare: total > 0 ? dominant / total : 1 };
}
