import {
  BooleanField,
  ChangesField,
  CountField,
  CurrencyField,
  DateField,
  DateTimeField,
  DomainEventDefinition,
  DomainPayload,
  EmailArrayField,
  EmailField,
  EnumField,
  JsonField,
  JsonObjectField,
  MoneyField,
  NestedArrayField,
  NestedField,
  NumberField,
  StringArrayField,
  StringField,
  UpdatedFieldsField,
  UuidArrayField,
  UuidField,
} from '../../../decorators';
import { SchemaRegistry } from '../../../lib/schema/registry';

/**
 * One required and one optional use of every field decorator, so schema/validator agreement is
 * checked for the whole vocabulary even before a domain uses a decorator. Not a @DomainEvent: it
 * must not leak into the process-wide catalog other suites assemble.
 */
export class EveryFieldAddress {
  @EmailField() email!: string;
  @StringField({ optional: true }) name?: string;
}

export class EveryFieldPayload extends DomainPayload {
  @UuidField() uuid!: string;
  @UuidField({ optional: true }) uuidOpt?: string;
  @DateTimeField() dateTime!: string;
  @DateField() date!: string;
  @StringField() text!: string;
  @EmailField() email!: string;
  @BooleanField() flag!: boolean;
  @CountField() count!: number;
  @MoneyField() amount!: number;
  @CurrencyField() currency!: string;
  @NumberField() ratio!: number;
  @EnumField(['low', 'high']) level!: string;
  @UuidArrayField() uuids!: string[];
  @StringArrayField() texts!: string[];
  @EmailArrayField() emails!: string[];
  @UpdatedFieldsField() updatedFields!: string[];
  @ChangesField() changes!: Record<string, { previous: unknown; new: unknown }>;
  @JsonField() anything!: unknown;
  @JsonField({ optional: true }) anythingOpt?: unknown;
  @JsonObjectField() object!: Record<string, unknown>;
  @NestedField(() => EveryFieldAddress) from!: EveryFieldAddress;
  @NestedArrayField(() => EveryFieldAddress, { optional: true }) to?: EveryFieldAddress[];
  @NestedArrayField(() => EveryFieldAddress, { nonEmpty: true }) cc!: EveryFieldAddress[];
  @UuidField({ optional: false }) override actorUserId!: string;
}

export const everyFieldDefinition: DomainEventDefinition = {
  type: 'EVERY_FIELD_PROBE',
  category: 'Test',
  name: 'Every field',
  description: 'Every field decorator once (test fixture).',
  version: 1,
  status: 'catalog-only',
  rationale: 'test fixture',
  schemaRef: 'payload.EveryFieldProbe.v1',
  payloadClass: EveryFieldPayload,
};

export const everyFieldRegistry = () => new SchemaRegistry([everyFieldDefinition]);
