import { expect } from 'chai';
import { canonicalType, normaliseFileName, UploadInputError, UploadTypeMismatchError } from '../../../domains/assets';
import { resolveContentType } from '../../../domains/assets/media/intake/content-type';
import { jpeg, pdf, png, svg } from './sample-files';

describe('assets: upload intake (names and types, no database)', () => {
  it('file names: NFC, last path segment, no control or bidi characters, collapsed spaces, at most 200 characters with the extension kept', () => {
    expect(normaliseFileName('Re\u0301sume\u0301.pdf')).to.equal('R\u00e9sum\u00e9.pdf');
    expect(normaliseFileName('a/b\\c/..\\d.txt')).to.equal('d.txt');
    expect(normaliseFileName('inv\u202Efdp.exe')).to.equal('invfdp.exe');
    expect(normaliseFileName('tab\there\r\nnew  line.txt')).to.equal('tab here new line.txt');
    expect(normaliseFileName('..env')).to.equal('env');
    expect([...normaliseFileName(`${'\u{1F5A8}'.repeat(250)}.pdf`)]).to.have.length(200);
    expect(normaliseFileName(`${'\u{1F5A8}'.repeat(250)}.pdf`).endsWith('.pdf')).to.equal(true);
    for (const bad of ['', '   ', '/', '\u0000', '...', 42 as any]) expect(() => normaliseFileName(bad), String(bad)).to.throw(UploadInputError);
  });

  it('declared types are canonicalised; malformed ones are refused naming contentType', () => {
    expect(canonicalType('Image/JPG; charset=binary')).to.equal('image/jpeg');
    expect(canonicalType('application/x-pdf')).to.equal('application/pdf');
    expect(canonicalType(undefined)).to.equal(undefined);
    expect(() => canonicalType('jpeg')).to.throw(UploadInputError).with.property('field', 'contentType');
  });

  it('the bytes decide: unspecific declarations take the sniffed type, plain-text types are kept for text, the rest must agree', async () => {
    expect(await resolveContentType(await png(8, 8), undefined)).to.equal('image/png');
    expect(await resolveContentType(await jpeg(8, 8), 'application/octet-stream')).to.equal('image/jpeg');
    expect(await resolveContentType(await pdf('x'), 'application/pdf')).to.equal('application/pdf');
    expect(await resolveContentType(Buffer.from('a,b\n1,2\n'), 'text/csv')).to.equal('text/csv');
    expect(await resolveContentType(Buffer.from('{"a":1}'), 'application/json')).to.equal('application/json');
    expect(await resolveContentType(svg(), undefined)).to.equal('image/svg+xml');
    expect(await resolveContentType(Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]), undefined)).to.equal('application/octet-stream');
    await resolveContentType(Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]), 'image/png').then(
      () => expect.fail('accepted'),
      (err) => expect(err).to.be.instanceOf(UploadTypeMismatchError).and.include({ declaredType: 'image/png', detectedType: 'application/octet-stream' }),
    );
    await resolveContentType(svg(), 'application/xml').then(
      () => expect.fail('accepted SVG as plain XML'),
      (err) => expect(err).to.be.instanceOf(UploadTypeMismatchError),
    );
  });
});
