import { FieldIssue } from './errors';

export type ValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * The single entry point for payload validation. The class-validator implementation is the
 * reference; a compiled one (ajv over the exported JSON Schema) can replace it behind this seam.
 */
export interface Validator {
  validate(schemaRef: string, payload: unknown): ValidationResult;
}
