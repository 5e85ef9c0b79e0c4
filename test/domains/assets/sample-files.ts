import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/** Real files made in the test: images by sharp (libvips), PDFs by pdfkit. */

/** A PNG of `width` × `height`, one colour with an alpha channel. */
export const png = (width = 640, height = 480) => sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();

/** A JPEG photo stand-in: a gradient-free colour field with a few shapes, as a camera would store it. */
export const jpeg = (width = 1600, height = 1200, orientation?: number) => {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><rect x="10%" y="10%" width="40%" height="30%" fill="#eee"/></svg>`), top: 0, left: 0 }])
    .jpeg({ quality: 85 });
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};

/** A JPEG of noise: hardly compressible, so about 3 bytes a pixel (for size limits). */
export const noisyJpeg = (width = 600, height = 400) =>
  sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 95 }).toBuffer();

/** A JPEG cut off half way, as an interrupted transfer leaves it. */
export const truncatedJpeg = async () => {
  const whole = await jpeg(800, 600);
  return whole.subarray(0, Math.floor(whole.length / 2));
};

/** PNG signature and header, then garbage: sniffed as PNG, undecodable. */
export const corruptPng = async () => {
  const real = await png(64, 64);
  const broken = Buffer.from(real);
  broken.fill(0x5a, 40);
  return broken;
};

/** A one-page PDF with `lines` of text. */
export function pdf(...lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

export const svg = () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
