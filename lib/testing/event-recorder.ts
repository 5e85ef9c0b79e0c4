import { EventEnvelope } from '../bus/envelope';
import { FieldIssue } from '../schema/errors';
import { Validator } from '../schema/validator';

/**
 * Everything a test's code emitted, recorded at commit (so rolled-back events never appear).
 * Each payload is validated against its schema again as it is recorded.
 */
export class EventRecorder {
  readonly all: EventEnvelope[] = [];
  readonly invalid: Array<{ envelope: EventEnvelope; issues: FieldIssue[] }> = [];

  constructor(private readonly validator: Validator) {}

  record(envelopes: EventEnvelope[]): void {
    for (const envelope of envelopes) {
      const result = this.validator.validate(envelope.schemaRef, envelope.payload);
      if (!result.ok) this.invalid.push({ envelope, issues: result.issues });
      this.all.push(envelope);
    }
  }

  ofType(eventType: string): EventEnvelope[] {
    return this.all.filter((e) => e.eventType === eventType);
  }

  payloads<P = Record<string, unknown>>(eventType: string): P[] {
    return this.ofType(eventType).map((e) => e.payload as P);
  }

  types(): string[] {
    return this.all.map((e) => e.eventType);
  }

  clear(): void {
    this.all.length = 0;
    this.invalid.length = 0;
  }
}
