import { expect } from 'chai';
import { tempSqlite, wfe } from '../../cli/run-cli';

describe('crm: wfe demo', function () {
  this.timeout(90_000);

  it('onboards a client with two contacts, tags it, logs a call and merges a duplicate with an open ticket; the worker records every event', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const start = res.stdout.indexOf('— CRM');
    expect(start, res.stdout).to.be.greaterThan(-1);
    const rest = res.stdout.slice(start + 1);
    const story = rest.slice(0, rest.search(/^— /m) === -1 ? undefined : rest.search(/^— /m));
    const types = [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]);
    expect(types).to.deep.equal([
      'CLIENT_CREATED',
      'COMPANY_CREATED',
      'CLIENT_STATUS_CHANGED',
      'CONTACT_CREATED',
      'CONTACT_CREATED',
      'CONTACT_PRIMARY_SET',
      'TAG_DEFINITION_CREATED',
      'TAG_APPLIED',
      'INTERACTION_LOGGED',
      'CLIENT_CREATED',
      'COMPANY_CREATED',
      'TICKET_CREATED',
      'TICKET_UPDATED',
      'CLIENT_UPDATED',
      'COMPANY_UPDATED',
      'CLIENT_MERGED',
      'CLIENT_ARCHIVED',
    ]);
    expect(story).to.match(/now belongs to Acme Dental \(1 open ticket moved\)/);
    expect(story).not.to.contain('NOT ARRIVED');
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(recorded).to.equal(committed);
  });
});
