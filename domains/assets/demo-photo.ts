import sharp from 'sharp';

/**
 * A photo of a network device as a phone stores it: a JPEG whose pixels lie on their side with EXIF
 * orientation 6 (rotate 90° to view), drawn with sharp so the demo needs no file of its own.
 */
export function deviceSnapshot(): Promise<Buffer> {
  const [w, h] = [1600, 1200];
  const leds = Array.from({ length: 8 }, (_, i) => `<circle cx="${420 + i * 100}" cy="640" r="16" fill="${i % 3 ? '#3c3' : '#fc3'}"/>`).join('');
  const ports = Array.from({ length: 8 }, (_, i) => `<rect x="${390 + i * 100}" y="520" width="60" height="60" rx="6" fill="#222"/>`).join('');
  const device = Buffer.from(
    `<svg width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#b9c4cc"/>` +
      `<rect x="300" y="440" width="1000" height="300" rx="24" fill="#4a5560"/>${ports}${leds}` +
      `<text x="330" y="500" font-family="sans-serif" font-size="40" fill="#eee">EDGE-RTR-01</text></svg>`,
  );
  return sharp(device).rotate(270).jpeg({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer();
}
