import { EmissionContextView } from '../../../decorators';

export type Payload = Record<string, unknown>;

/** Payload timestamps: ISO 8601 with offset (UTC `Z`). */
export const iso = (d: Date): string => d.toISOString();

/** Leaves out optional fields that are unset, so the payload in memory is the one published as JSON. */
export const defined = (p: Payload): Payload => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/** An optional id list is left out rather than sent empty. */
export const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

/** Items of `a` missing from `b`. */
export const without = <T>(a: T[], b: T[]): T[] => a.filter((x) => !b.includes(x));

export type Mapper<R> = (result: R, args: unknown[], ctx: EmissionContextView) => Payload | Payload[] | undefined;

/** A mapper for something that may not have happened: no event (undefined) unless `happened`. */
export const when =
  <R>(happened: (result: R) => boolean, build: (result: R, ctx: EmissionContextView) => Payload): Mapper<R> =>
  (result, _args, ctx) =>
    happened(result) ? defined(build(result, ctx)) : undefined;
