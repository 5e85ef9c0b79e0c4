/** JSON for a text/json column: PostgreSQL jsonb takes the text, SQLite stores it as is. Undefined stays null. */
export const toJsonColumn = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
