import { expect } from 'chai';
import { validate as isValidUuid, version as uuidVersion } from 'uuid';
import { newEventId } from '../../lib/bus/envelope';
import { findForbiddenKeys, isFreeOfForbiddenContent, MAX_PAYLOAD_DEPTH } from '../../lib/schema/forbidden-keys';

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('core: emission fast paths agree with the reference rules', () => {
  it('isFreeOfForbiddenContent decides exactly what findForbiddenKeys reports', () => {
    const sparse: unknown[] = [];
    sparse[3] = 'x';
    const protoKey = JSON.parse('{"a":{"__proto__":{"x":1}}}');
    const cases: unknown[] = [
      { a: 'b', n: 1, t: true, z: null },
      { a: ['x', { b: 'y' }], c: { d: [1, 2, [3]] } },
      { a: 'nul\u0000inside' },
      { ['k\u0000']: 1 },
      { a: 'lone \uD800 surrogate' },
      { ['\uDC00']: 'x' },
      { constructor: 1 },
      { a: { prototype: 1 } },
      protoKey,
      [1, 'a\u0000'],
      sparse,
      nested(MAX_PAYLOAD_DEPTH - 1),
      nested(MAX_PAYLOAD_DEPTH),
      nested(MAX_PAYLOAD_DEPTH + 1),
      'plain',
      42,
      null,
    ];
    for (const c of cases) expect(isFreeOfForbiddenContent(c), JSON.stringify(c)).to.equal(findForbiddenKeys(c).length === 0);
  });

  it('event ids are UUID v7, unique, and sort in creation order within a process', () => {
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(ids.every((id) => isValidUuid(id) && uuidVersion(id) === 7 && id === id.toLowerCase())).to.equal(true);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).to.equal(true);
    const ms = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).to.be.below(5000);
  });
});
