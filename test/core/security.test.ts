import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretBox, SecretBoxError, SecretKey, SecretKeyError, SignedTokenError, SignedTokens } from '../../lib/security';

describe('security: secret box and signed tokens', () => {
  const key = SecretKey.random();

  it('seals and opens; a changed byte, another key or another context is refused', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('refresh-token-123', 'connection:42');
    expect(sealed).not.to.contain('refresh-token-123');
    expect(box.open(sealed, 'connection:42')).to.equal('refresh-token-123');
    expect(box.seal('same', 'c')).not.to.equal(box.seal('same', 'c'));
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => box.open(tampered, 'connection:42')).to.throw(SecretBoxError);
    expect(() => box.open(sealed, 'connection:43')).to.throw(SecretBoxError);
    expect(() => new SecretBox(SecretKey.random()).open(sealed, 'connection:42')).to.throw(SecretBoxError);
    expect(() => box.open('plain text')).to.throw(SecretBoxError);
  });

  it('signed tokens: valid until they expire, only for their purpose', async () => {
    const tokens = new SignedTokens(key);
    const now = new Date('2026-11-30T12:00:00Z');
    const token = await tokens.sign('survey-link', { surveyId: 's1' }, { expiresInSeconds: 3600, now });
    expect(await tokens.verify('survey-link', token, new Date('2026-11-30T12:59:00Z'))).to.include({ surveyId: 's1' });
    const expired = await tokens.verify('survey-link', token, new Date('2026-11-30T13:00:01Z')).catch((e) => e);
    expect(expired).to.be.instanceOf(SignedTokenError).with.property('code', 'TOKEN_EXPIRED');
    const otherPurpose = await tokens.verify('unsubscribe', token, now).catch((e) => e);
    expect(otherPurpose).to.be.instanceOf(SignedTokenError).with.property('code', 'TOKEN_INVALID');
    const [h, p, s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ surveyId: 's2', aud: 'survey-link', exp: 9999999999 })).toString('base64url')}.${s}`;
    expect(await tokens.verify('survey-link', forged, now).catch((e) => e)).to.have.property('code', 'TOKEN_INVALID');
    expect(p).to.be.a('string');
  });

  it('the master key: WFE_SECRET_KEY, else a 0600 file created once and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-key-'));
    try {
      const file = path.join(dir, 'secret.key');
      const first = SecretKey.fromEnvOrFile({}, file);
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
      const again = SecretKey.fromEnvOrFile({}, file);
      expect(again.derive('x')).to.deep.equal(first.derive('x'));
      const fromEnv = SecretKey.fromEnvOrFile({ WFE_SECRET_KEY: 'a'.repeat(64) }, file);
      expect(fromEnv.derive('x')).not.to.deep.equal(first.derive('x'));
      expect(() => SecretKey.parse('short')).to.throw(SecretKeyError, /32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
