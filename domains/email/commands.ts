import { ModuleCommands } from '../../lib/kit';
import { FileIngest } from './inbound/file-ingest';

/** `wfe email ingest <file.eml> --provider <providerId>`: prints what the message led to, as JSON. */
export const emailCommands: ModuleCommands = (program, open) => {
  const email = program.command('email').description('email module: take in messages from disk');
  email
    .command('ingest <file>')
    .description('take in a raw RFC 5322 message (.eml) for a connected mailbox, as a provider notification would')
    .requiredOption('--provider <providerId>', 'the connected mailbox (email provider id) that received it')
    .addHelpText(
      'after',
      '\nOutput:\n  One JSON object on one line: messageId, new (false when the message was taken in before),\n' +
        '  outcome (ticket_opened, reply, report, automatic, unknown_sender, no_routing, reply_refused, unparsable),\n' +
        '  ticketId, matchedBy, rawMimeRef (blob key of the kept bytes) and skipped (ingress skip reasons).\n',
    )
    .action(async (file: string, options: { provider: string }) => {
      const app = await open();
      try {
        const r = await app.runtime.resolve(FileIngest).ingestFile(options.provider, file);
        process.stdout.write(
          `${JSON.stringify({ messageId: r.parsed.messageId, new: r.isNew, outcome: r.outcome, ticketId: r.ticketId, matchedBy: r.matchedBy, rawMimeRef: r.rawMimeRef, skipped: r.parsed.skips.map((s) => s.reason) })}\n`,
        );
      } finally {
        await app.close();
      }
    });
};
