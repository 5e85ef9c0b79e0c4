import { expect } from 'chai';
import { tempSqlite, wfe } from '../../cli/run-cli';

describe('notifications: wfe demo', function () {
  this.timeout(90_000);

  it('an assignment notifies the technician in-app and by SMS (delivered by the local gateway); she fetches and reads it', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const start = res.stdout.indexOf('— Notifications');
    const end = res.stdout.indexOf('\n— ', start + 1);
    const story = res.stdout.slice(start, end === -1 ? undefined : end);
    const types = [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]);
    expect(types).to.deep.equal([
      'TICKET_CREATED',
      'TICKET_ASSIGNED',
      'NOTIFICATION_SENT',
      'NOTIFICATION_SENT',
      'NOTIFICATION_DELIVERED',
      'NOTIFICATION_DELIVERED',
      'NOTIFICATION_READ',
    ]);
    expect(story).to.contain('the gateway received 1 SMS (to +15550100199)');
    expect(story).not.to.contain('NOT ARRIVED');
  });
});
