import { DateTime } from 'luxon';
import { SchedulingInputError } from '../scheduling-input-error';
import { GeoLocation } from './visit';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ETA: a Date or an ISO 8601 instant with offset, not before `now`. */
export function checkEta(eta: unknown, now: Date): Date | undefined {
  if (eta === undefined || eta === null) return undefined;
  const at = eta instanceof Date ? eta : typeof eta === 'string' && INSTANT.test(eta) ? DateTime.fromISO(eta, { setZone: true }).toJSDate() : undefined;
  if (!at || Number.isNaN(at.getTime())) throw new SchedulingInputError('eta', 'must be an ISO 8601 date-time with offset, e.g. 2026-03-09T13:40:00Z');
  if (at.getTime() < now.getTime()) throw new SchedulingInputError('eta', `must not be before now (${now.toISOString()})`);
  return at;
}

/** A check-in position: WGS 84 latitude [-90, 90] and longitude [-180, 180] in degrees, accuracy in meters >= 0. */
export function checkLocation(location: unknown): GeoLocation | undefined {
  if (location === undefined || location === null) return undefined;
  const l = location as Record<string, unknown>;
  if (typeof l !== 'object' || Array.isArray(l)) throw new SchedulingInputError('location', 'must be { latitude, longitude, accuracyMeters? }');
  const extra = Object.keys(l).find((k) => !['latitude', 'longitude', 'accuracyMeters'].includes(k));
  if (extra) throw new SchedulingInputError(`location.${extra}`, 'is not a location field (latitude, longitude, accuracyMeters)');
  const degrees = (field: 'latitude' | 'longitude', max: number): number => {
    const v = l[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > max) throw new SchedulingInputError(`location.${field}`, `must be a number of degrees from -${max} to ${max}`);
    return v;
  };
  const result: GeoLocation = { latitude: degrees('latitude', 90), longitude: degrees('longitude', 180) };
  if (l.accuracyMeters !== undefined) {
    if (typeof l.accuracyMeters !== 'number' || !Number.isFinite(l.accuracyMeters) || l.accuracyMeters < 0) throw new SchedulingInputError('location.accuracyMeters', 'must be a number of meters >= 0');
    result.accuracyMeters = l.accuracyMeters;
  }
  return result;
}
