import { EmissionContextView } from './metadata';

/**
 * Event type → its current payload class. Each module adds its events by declaration merging, so
 * `tsc` checks every `@EmitsEvent` mapper and `@OnEvent` handler against the payload it names:
 *
 *   declare module 'workflow-events' {            // in this repository: the path of lib/kit
 *     interface EventPayloadMap { INVOICE_FINALIZED: InvoiceFinalizedPayload }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface EventPayloadMap {}

export type EventType = keyof EventPayloadMap & string;

/** The data fields of a payload class (methods left out). */
export type PayloadFields<C> = { [K in keyof C as C[K] extends (...args: any[]) => any ? never : K]: C[K] };

/** The payload of an event type as a consumer receives it. */
export type EventPayload<K extends EventType> = PayloadFields<EventPayloadMap[K]>;

/** Filled in by the emission pipeline from the emission context unless the mapper sets them. */
export type PipelineFilledKey = 'tenantId' | 'occurredAt' | 'actorUserId' | 'actorContactId' | 'actorType';

/** What a mapper returns for one event of type K: its payload, the pipeline-filled fields optional. */
export type MappedPayload<K extends EventType> = Omit<EventPayload<K>, PipelineFilledKey> &
  Partial<Pick<EventPayload<K>, PipelineFilledKey & keyof EventPayload<K>>>;

/** One payload, several (one event each), or nothing (no event). */
export type MapperResult<P> = P | readonly P[] | undefined | null | void;

export type AnyMapper = (result: any, args: any, ctx: EmissionContextView) => unknown;

type Present<R> = Exclude<R extends readonly (infer I)[] ? I : R, undefined | null | void>;
/** Keys of any returned payload shape that P does not declare (distributes over unions). */
type UnknownKeys<R, P> = Present<R> extends infer T ? (T extends unknown ? Exclude<keyof T, keyof P> : never) : never;

/**
 * `M` when each payload it returns has exactly P's keys with P's types; otherwise a type that makes
 * tsc report the problem: `{ unknownPayloadKeys: 'typo' }` for a key P does not declare, or P itself
 * for a missing required field or a wrong type.
 */
export type CheckedMapper<M extends AnyMapper, P> = [UnknownKeys<ReturnType<M>, P>] extends [never]
  ? ReturnType<M> extends MapperResult<P>
    ? M
    : (result: any, args: any, ctx: EmissionContextView) => MapperResult<P>
  : { unknownPayloadKeys: UnknownKeys<ReturnType<M>, P> };

type ResultOf<M extends AnyMapper> = Parameters<M>[0];
type ArgsOf<M extends AnyMapper> = Parameters<M>[1] extends infer A ? (unknown[] extends A ? any[] : A extends any[] ? A : any[]) : any[];

/** A method decorator that also checks the method returns what the mapper reads. */
export type EmitterDecorator<M extends AnyMapper> = <T extends (...args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void;

/** A method decorator that checks the handler accepts the event's payload. */
export type HandlerDecorator<P> = <T extends (payload: P, envelope: any) => unknown>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void;
