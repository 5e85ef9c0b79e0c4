import { CatalogEntry } from '../../lib/catalog/catalog-entry';
import { FieldSummary } from '../../lib/catalog/field-summary';
import { table } from './output';

/** Widest line the view aims for; a longer description wraps onto continuation lines. */
const WIDTH = 120;
/** Lines the view aims to fit; an event with more fields than that gets one line per field. */
const SCREEN_LINES = 60;

/** Splits text into lines of at most `width` characters, at spaces (a longer word stays whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : [''];
}

/** A short example of a string or number field, as the description's `e.g. …` suffix. */
function exampleHint(f: FieldSummary): string {
  const shown = (f.examples ?? []).filter((v) => typeof v === 'string' || typeof v === 'number').slice(0, 2);
  const text = shown.map((v) => JSON.stringify(v)).join(', ');
  return text && text.length <= 48 ? `e.g. ${text}` : '';
}

/**
 * The field table: FIELD, TYPE, REQUIRED, DESCRIPTION. Descriptions wrap so a row stays within
 * WIDTH columns; continuation lines sit under the description column.
 */
export function fieldTable(fields: FieldSummary[], maxLines = Infinity): string {
  const header = ['FIELD', 'TYPE', 'REQUIRED', 'DESCRIPTION'];
  const cells = fields.map((f) => [f.path, shortType(f.type), f.required ? 'yes' : 'no']);
  const lead = [0, 1, 2].reduce((sum, i) => sum + Math.max(header[i].length, ...cells.map((c) => c[i].length)) + 2, 0);
  const room = Math.max(30, WIDTH - lead);
  const rows: string[][] = [];
  fields.forEach((f, i) => {
    // The example stays in one piece: on the description's last line if it fits, else on its own.
    const hint = /\be\.g\./.test(f.description) ? '' : exampleHint(f);
    const lines = f.description ? wrap(f.description, room) : [];
    const last = lines.length ? `${lines[lines.length - 1]}; ${hint}` : hint;
    if (hint && last.length <= room) lines.splice(Math.max(lines.length - 1, 0), 1, last);
    else if (hint) lines.push(hint);
    const [first = '', ...rest] = lines;
    rows.push([...cells[i], first]);
    for (const more of rest) rows.push(['', '', '', more]);
  });
  // Too many fields for one screen with wrapped descriptions: one line per field, each cut with '…'.
  if (rows.length + 2 > maxLines) {
    return table(
      fields.map((f, i) => {
        const d = f.description ?? '';
        return [...cells[i], d.length > room ? `${d.slice(0, room - 1).trimEnd()}…` : d];
      }),
      header,
    );
  }
  return table(rows, header);
}

/** A type cell of at most 40 columns: a long union of literals is named by its size (`--schema` lists it). */
function shortType(type: string): string {
  if (type.length <= 40) return type;
  const members = type.split(' | ');
  return members.length > 1 ? `one of ${members.length} values` : `${type.slice(0, 39)}…`;
}

/** Top-level payload fields every catalogued event has (tenantId, occurredAt, the actor fields). */
export function commonFields(entries: CatalogEntry[]): Set<string> {
  const keys = entries.map((e) => Object.keys(e.payloadSchema.properties ?? {}));
  return new Set(keys.length ? keys.reduce((a, b) => a.filter((k) => b.includes(k))) : []);
}

/** The event's own fields first, then those every event carries (tenant, time, actor), each in schema order. */
function ownFieldsFirst(fields: FieldSummary[], common: ReadonlySet<string>): FieldSummary[] {
  const isCommon = (f: FieldSummary) => common.has(f.path.split(/[.[]/)[0]);
  return [...fields.filter((f) => !isCommon(f)), ...fields.filter(isCommon)];
}

/** `  label:     text`, the text wrapped under itself (an event emitted from many actions stays on one screen). */
function labelled(label: string, text: string): string[] {
  const head = `  ${label}:`.padEnd(13);
  return wrap(text, WIDTH - head.length).map((l, i) => `${i ? ' '.repeat(head.length) : head}${l}`);
}

/**
 * `wfe catalog show <TYPE>`: what a workflow author needs on one screen. The schema shown is the
 * one of `shownRef` (the current version unless another was asked for); `common` names the
 * top-level fields every event carries, listed after the event's own.
 */
export function eventView(entry: CatalogEntry, shownRef: string, fields: FieldSummary[], common: ReadonlySet<string> = new Set()): string {
  const current = entry.payloadSchemaRef;
  const versions = entry.versions.map((ref) => (ref === current ? `${ref} (current)` : ref)).join(', ');
  const lines = [
    `${entry.eventType} — ${entry.name}`,
    `  category:  ${entry.category}${entry.module ? ` (module ${entry.module})` : ''}`,
    `  status:    ${entry.status}${entry.supersededBy ? `, superseded by ${entry.supersededBy.join(', ')}` : ''}`,
    ...(entry.rationale ? labelled('rationale', entry.rationale) : []),
    ...labelled('versions', versions),
    ...labelled('emitters', entry.emitters.join(', ') || '— (nothing in this code base emits it)'),
    '',
    ...wrap(entry.description, WIDTH - 2).map((l) => `  ${l}`),
    '',
    `Fields of ${shownRef}${shownRef === current ? '' : ' (not the current version)'}:`,
    fieldTable(ownFieldsFirst(fields, common), SCREEN_LINES - 16 - wrap(entry.description, WIDTH - 2).length),
    '',
    `Full JSON Schema: wfe catalog show ${entry.eventType} --schema${shownRef === current ? '' : ` --schema-version ${shownRef.replace(/^.*\.v/, '')}`}; everything as JSON: --json`,
  ];
  return lines.join('\n') + '\n';
}
