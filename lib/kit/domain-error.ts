/**
 * A business refusal: the action was not done and nothing was written or emitted. `code` is
 * stable for API callers (SCREAMING_SNAKE_CASE); `field` names the input at fault when there is one.
 * HTTP routes map the kinds below to 400 / 404 / 409.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The caller's input is wrong: `field` is its dot-path (`lines[1].quantity`), `reason` what it
 * must be; the message reads `Invalid <what>: <field> <reason>`.
 */
export class DomainInputError extends DomainError {
  constructor(
    field: string,
    readonly reason: string,
    code = 'INPUT_INVALID',
    what = 'input',
  ) {
    super(code, `Invalid ${what}: ${field} ${reason}`, field);
  }
}

/** No such record for the acting tenant (another tenant's ids are not found either). */
export class DomainNotFoundError extends DomainError {
  constructor(
    readonly kind: string,
    readonly id: string,
    code = `${kind.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`,
  ) {
    super(code, `${kind[0].toUpperCase()}${kind.slice(1)} ${id} does not exist`);
  }
}

/** The action does not fit the record's current state (finalizing a paid invoice, completing a canceled visit). */
export class DomainStateError extends DomainError {
  constructor(message: string, code = 'INVALID_STATE') {
    super(code, message);
  }
}
