import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { FieldIssue, UnknownSchemaRefError } from './errors';
import { findForbiddenKeys } from './forbidden-keys';
import { memoizeValidationMetadata } from './metadata-cache';
import { SchemaRegistry } from './registry';
import { ValidationResult, Validator } from './validator';

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, constraint, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Strict class-validator check: unknown keys refused, nested DTOs validated, no prototype keys. */
export class ClassValidatorValidator implements Validator {
  constructor(private readonly registry: SchemaRegistry) {
    memoizeValidationMetadata();
  }

  validate(schemaRef: string, payload: unknown): ValidationResult {
    const def = this.registry.byRef(schemaRef);
    if (!def) throw new UnknownSchemaRefError(schemaRef);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      return { ok: false, issues: [{ field: '', constraint: 'isObject', message: 'payload must be a JSON object' }] };
    }
    const forbidden = findForbiddenKeys(payload);
    if (forbidden.length) return { ok: false, issues: forbidden };
    const instance = plainToInstance(def.payloadClass as new () => object, payload);
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length) return { ok: false, issues: flatten(errors) };
    return { ok: true, value: payload as Record<string, unknown> };
  }
}
