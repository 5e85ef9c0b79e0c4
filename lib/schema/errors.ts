/** One thing wrong with a payload: the dot-path of the field and the constraint it broke. */
export interface FieldIssue {
  field: string;
  constraint: string;
  message: string;
}

export class EventPayloadInvalidError extends Error {
  readonly code = 'EVENT_PAYLOAD_INVALID';
  constructor(
    readonly eventType: string,
    readonly schemaRef: string,
    readonly issues: FieldIssue[],
  ) {
    super(
      `Invalid ${eventType} payload (${schemaRef}): ` +
        issues.map((i) => `${i.field || '(payload)'} [${i.constraint}] ${i.message}`).join('; '),
    );
    this.name = 'EventPayloadInvalidError';
  }
  /** First offending field, for callers that only show one. */
  get field(): string | undefined {
    return this.issues[0]?.field;
  }
  get constraint(): string | undefined {
    return this.issues[0]?.constraint;
  }
}

export class UnknownEventTypeError extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  constructor(readonly eventType: string) {
    super(`Unknown event type ${eventType}: no @DomainEvent payload class declares it`);
    this.name = 'UnknownEventTypeError';
  }
}

export class UnknownSchemaRefError extends Error {
  readonly code = 'UNKNOWN_SCHEMA_REF';
  constructor(readonly schemaRef: string) {
    super(`Unknown payload schema ref ${schemaRef}`);
    this.name = 'UnknownSchemaRefError';
  }
}

export class VersionConversionError extends Error {
  readonly code = 'VERSION_CONVERSION';
  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(
      fromVersion < toVersion
        ? `${eventType} v${fromVersion} cannot be raised to v${toVersion}: only newer payloads convert to older versions`
        : `${eventType} v${fromVersion} has no converter down to v${toVersion}: declare toPreviousVersion on each newer version`,
    );
    this.name = 'VersionConversionError';
  }
}
