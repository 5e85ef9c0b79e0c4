import { expect } from 'chai';
import { tempSqlite, wfe } from '../../cli/run-cli';

describe('scheduling: wfe demo', function () {
  this.timeout(90_000);

  it('books a visit for a ticket, moves it across the DST change, reaches team capacity, dispatches and completes it; the worker records every event', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const from = res.stdout.slice(res.stdout.indexOf('— Scheduling'));
    // Up to the next module's story (modules that depend on scheduling tell theirs after it).
    const next = from.slice(1).search(/^— /m);
    const story = next === -1 ? from : from.slice(0, next + 1);
    const types = [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]);
    expect(types).to.deep.equal([
      'TICKET_CREATED',
      'APPOINTMENT_CREATED',
      'SCHEDULE_ENTRY_CREATED',
      'APPOINTMENT_ASSIGNED',
      'APPOINTMENT_RESCHEDULED',
      'SCHEDULE_ENTRY_UPDATED',
      'APPOINTMENT_CREATED',
      'SCHEDULE_ENTRY_CREATED',
      'APPOINTMENT_ASSIGNED',
      'CAPACITY_THRESHOLD_REACHED',
      'TECHNICIAN_DISPATCHED',
      'TECHNICIAN_EN_ROUTE',
      'TECHNICIAN_ARRIVED',
      'TECHNICIAN_CHECKED_OUT',
      'APPOINTMENT_COMPLETED',
    ]);
    // 09:00 before and after the change: one hour apart in UTC.
    const [, beforeUtcHour] = /Booked for \S+ 09:00 local \(\S+T(\d\d):00:00\.000Z\)/.exec(story)!;
    const [, afterUtcHour] = /still 09:00 on the wall clock, now \S+T(\d\d):00:00\.000Z in UTC/.exec(story)!;
    expect(Math.abs(Number(beforeUtcHour) - Number(afterUtcHour))).to.equal(1);
    expect(story).not.to.contain('NOT ARRIVED');
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(recorded).to.equal(committed);
  });
});
