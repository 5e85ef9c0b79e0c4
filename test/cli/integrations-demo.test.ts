import { expect } from 'chai';
import { tempSqlite, wfe } from './run-cli';

describe('wfe demo: the integrations story', function () {
  this.timeout(90_000);

  it('connects against the local authorization server, syncs, takes a signed webhook and shows a refresh failing', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const story = res.stdout.slice(res.stdout.indexOf('— Integrations'));
    for (const type of [
      'INTEGRATION_CONNECTED',
      'INTEGRATION_TOKEN_EXPIRING',
      'INTEGRATION_SYNC_STARTED',
      'INTEGRATION_SYNC_COMPLETED',
      'INTEGRATION_SYNC_FAILED',
      'INTEGRATION_WEBHOOK_RECEIVED',
      'EXTERNAL_MAPPING_CHANGED',
      'INTEGRATION_TOKEN_REFRESH_FAILED',
      'INTEGRATION_DISCONNECTED',
    ]) {
      expect(story).to.contain(type);
    }
    expect(story).to.contain('2 created, 0 updated, 0 deleted, 1 skipped');
    expect(story).to.contain('delivery 2: duplicate, ignored');
    expect(story).to.contain('invalid_grant');
    expect(story.match(/INTEGRATION_WEBHOOK_RECEIVED/g)).to.have.length(1);
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(recorded).to.equal(committed);
  });
});
