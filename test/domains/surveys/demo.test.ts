import { expect } from 'chai';
import { tempSqlite, wfe } from '../../cli/run-cli';

describe('surveys: wfe demo', function () {
  this.timeout(90_000);

  it('a ticket closes, the CSAT survey goes out, a tampered link is refused, a low score comes back and the alerts fire', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const start = res.stdout.indexOf('— Surveys');
    const end = res.stdout.indexOf('\n— ', start + 1);
    const story = res.stdout.slice(start, end === -1 ? undefined : end);
    const types = [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]);
    expect(types.filter((t) => t.startsWith('SURVEY') || t.startsWith('CSAT') || t === 'TICKET_CLOSED' || t === 'OUTBOUND_EMAIL_QUEUED')).to.deep.equal([
      'TICKET_CLOSED',
      'SURVEY_SENT',
      'OUTBOUND_EMAIL_QUEUED',
      'SURVEY_RESPONSE_RECEIVED',
      ...Array(6).fill('CSAT_ALERT_TRIGGERED'),
    ]);
    expect(story).to.contain('tampered link: SURVEY_LINK_INVALID');
    expect(story).to.match(/CSAT below 80%: (\w+ (daily|weekly|monthly) 0%(, )?){6}/);
    expect(story).to.match(/csat survey via email to pat@fabrikam.example, link valid until \S+: http:\/\/localhost:3000\/surveys\/respond\?token=/);
    expect(story).not.to.contain('NOT ARRIVED');
  });
});
