import pino, { Logger } from 'pino';

/**
 * Structured JSON logs (pino) on stderr: stdout belongs to what a command prints, so
 * `wfe … --json | jq` sees one JSON document and nothing else. Written synchronously, so a line
 * logged just before the process exits is not lost.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino({ level, base: { service: 'wfe' } }, destination);
}
