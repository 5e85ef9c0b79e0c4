import { expect } from 'chai';
import { fromWireFields } from '../../lib/bus/wire';

/** A stream entry written by another producer with upper-case ids must dedupe with the canonical one. */
describe('wire format: identifiers read in canonical form', () => {
  it('lower-cases event_id, tenant and user_id when reading an entry', () => {
    const fields = {
      event_id: '0190F8A5-5B2C-7D3E-9F10-1A2B3C4D5E6F',
      event_type: 'TEST_EVENT',
      tenant: '0F8FAD5B-D9CB-469F-A165-70867728950E',
      user_id: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      timestamp: '2026-01-01T10:00:00.000Z',
      payload_json: '{}',
      payload_schema_ref: 'payload.Test.v1',
    };
    const env = fromWireFields(fields as never);
    expect(env.id).to.equal(fields.event_id.toLowerCase());
    expect(env.tenantId).to.equal(fields.tenant.toLowerCase());
    expect(env.actorUserId).to.equal(fields.user_id.toLowerCase());
  });
});
