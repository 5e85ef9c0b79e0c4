import { IntegrationInputError } from './connection-errors';

/** A non-empty string of at most `max` characters, trimmed; IntegrationInputError naming `field` otherwise. */
export function checkText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new IntegrationInputError(field, 'must be a non-empty string');
  if (value.length > max) throw new IntegrationInputError(field, `must be at most ${max} characters`);
  return value.trim();
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || host.startsWith('127.');

/** An absolute https URL (http only for a server on this machine). */
export function checkUrl(value: unknown, field: string): string {
  const text = checkText(value, field, 2000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new IntegrationInputError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) throw new IntegrationInputError(field, 'must use https (http only on loopback)');
  return url.href.replace(/\/$/, '');
}

/** A UUID-shaped id (any version), lower-cased. */
export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new IntegrationInputError(field, 'must be a UUID');
  return value.toLowerCase();
}
