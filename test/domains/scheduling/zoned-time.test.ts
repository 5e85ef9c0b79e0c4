import { expect } from 'chai';
import { DateTime, IANAZone } from 'luxon';
import { NonexistentLocalTimeError, SchedulingTimeError } from '../../../domains/scheduling';
import { resolveWindow } from '../../../domains/scheduling/time/time-window';
import { isRepeatedLocalTime, minutesPerLocalDay, resolveLocalTime, resolveTime } from '../../../domains/scheduling/time/zoned-time';

const NY = IANAZone.create('America/New_York');
const BERLIN = IANAZone.create('Europe/Berlin');
const resolve = (local: string, zone: IANAZone) => resolveLocalTime('start', local, zone).toISOString();

describe('scheduling: wall-clock times in IANA zones (RFC 5545 §3.3.5)', () => {
  it('a normal local time resolves with the offset in force that day, on either side of a DST change', () => {
    expect(resolve('2026-03-06T09:00', NY)).to.equal('2026-03-06T14:00:00.000Z'); // EST, UTC-5
    expect(resolve('2026-03-09T09:00', NY)).to.equal('2026-03-09T13:00:00.000Z'); // EDT, UTC-4
    expect(resolve('2026-03-27T09:00', BERLIN)).to.equal('2026-03-27T08:00:00.000Z'); // CET
    expect(resolve('2026-03-30T09:00', BERLIN)).to.equal('2026-03-30T07:00:00.000Z'); // CEST
  });

  for (const [zone, local, offsets] of [
    [NY, '2026-03-08T02:30', '-05:00 → -04:00'],
    [BERLIN, '2026-03-29T02:30', '+01:00 → +02:00'],
  ] as const) {
    it(`a time in the spring-forward gap is refused, not shifted (${zone.name} ${local})`, () => {
      // luxon alone would quietly move it an hour on.
      expect(DateTime.fromISO(local, { zone }).isValid).to.equal(true);
      const err = (() => {
        try {
          resolveLocalTime('start', local, zone);
        } catch (e) {
          return e as NonexistentLocalTimeError;
        }
      })();
      expect(err).to.be.instanceOf(NonexistentLocalTimeError).and.instanceOf(SchedulingTimeError);
      expect(err).to.include({ field: 'start', code: 'LOCAL_TIME_NONEXISTENT', localTime: local, timezone: zone.name });
      expect(err!.message).to.contain(`${local} does not exist in ${zone.name}`).and.contain(offsets);
    });
  }

  for (const [zone, local, earlier, later] of [
    [NY, '2026-11-01T01:30', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
    [BERLIN, '2026-10-25T02:30', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
  ] as const) {
    it(`a repeated time (fall back) is the earlier occurrence, whatever luxon picks (${zone.name} ${local})`, () => {
      expect(resolve(local, zone)).to.equal(earlier);
      // luxon's own pick for these is the later occurrence: the rule above is ours, not the library's.
      expect(DateTime.fromISO(local, { zone }).toUTC().toISO()).to.equal(later);
      expect(isRepeatedLocalTime(new Date(earlier), zone.name)).to.equal(true);
      expect(isRepeatedLocalTime(new Date(later), zone.name)).to.equal(true);
      expect(isRepeatedLocalTime(new Date('2026-10-20T10:00:00Z'), zone.name)).to.equal(false);
    });
  }

  it('the edges of a gap and of a repeated hour resolve to the one instant they name', () => {
    expect(resolve('2026-03-08T01:59', NY)).to.equal('2026-03-08T06:59:00.000Z');
    expect(resolve('2026-03-08T03:00', NY)).to.equal('2026-03-08T07:00:00.000Z');
    expect(resolve('2026-11-01T00:59', NY)).to.equal('2026-11-01T04:59:00.000Z');
    expect(resolve('2026-11-01T02:00', NY)).to.equal('2026-11-01T07:00:00.000Z');
  });

  it('an instant with an offset is taken as it is; anything else is refused naming the field', () => {
    expect(resolveTime('end', '2026-03-09T13:00:00Z', NY).toISOString()).to.equal('2026-03-09T13:00:00.000Z');
    expect(resolveTime('end', '2026-03-09T09:00:00-04:00', BERLIN).toISOString()).to.equal('2026-03-09T13:00:00.000Z');
    for (const bad of ['2026-02-30T09:00', '2026-03-09 09:00', '09:00', '', 42]) {
      expect(() => resolveTime('end', bad, NY), String(bad)).to.throw(SchedulingTimeError).with.property('field', 'end');
    }
  });

  it('a window needs a real zone, whole minutes and an end after its start', () => {
    const check = (input: any) => {
      try {
        resolveWindow(input);
      } catch (e) {
        return e as SchedulingTimeError;
      }
      throw new Error('not refused');
    };
    expect(check({ start: '2026-03-09T09:00', end: '2026-03-09T10:00', timezone: 'Mars/Olympus_Mons' })).to.include({ field: 'timezone' });
    expect(check({ start: '2026-03-09T09:00', end: '2026-03-09T09:00', timezone: 'UTC' }).message).to.contain('end must be after start');
    expect(check({ start: '2026-03-09T09:00:30', end: '2026-03-09T10:00', timezone: 'UTC' })).to.include({ field: 'start' });
    expect(check({ start: '2026-03-01T09:00', end: '2026-04-09T09:00', timezone: 'UTC' })).to.include({ field: 'end' });
    expect(resolveWindow({ start: '2026-03-09T09:00', end: '2026-03-09T10:30', timezone: 'Europe/Berlin' })).to.deep.equal({
      startAt: new Date('2026-03-09T08:00:00Z'),
      endAt: new Date('2026-03-09T09:30:00Z'),
      timezone: 'Europe/Berlin',
    });
  });

  it('minutes per local day follow the zone: a night shift splits at midnight, DST days are 23 and 25 hours', () => {
    const night = resolveWindow({ start: '2026-03-07T22:00', end: '2026-03-09T02:00', timezone: 'America/New_York' });
    expect(minutesPerLocalDay(night.startAt, night.endAt, 'America/New_York')).to.deep.equal([
      { date: '2026-03-07', minutes: 120 },
      { date: '2026-03-08', minutes: 23 * 60 },
      { date: '2026-03-09', minutes: 120 },
    ]);
    const fallBack = resolveWindow({ start: '2026-10-25T00:00', end: '2026-10-26T00:00', timezone: 'Europe/Berlin' });
    expect(minutesPerLocalDay(fallBack.startAt, fallBack.endAt, 'Europe/Berlin')).to.deep.equal([{ date: '2026-10-25', minutes: 25 * 60 }]);
  });
});
