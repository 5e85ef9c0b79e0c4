import { isUuid, ModuleCommands, withEmissionContext } from '../../lib/kit';
import { RecurringBillingService } from './recurring/recurring-billing-service';

const OUTPUT = [
  '"run <id> for <period>: completed" with the invoices drafted, contracts already billed and contracts not',
  'billable, then one "! ..." line per warning; or "failed" with the error code and message (exit 1).',
];

/**
 * `wfe billing run-period <YYYY-MM> --tenant <uuid> [--user <uuid>]`: a recurring billing run for
 * one tenant and month, for a scheduler (cron) or by hand. Without --user the run is the system's
 * (no initiatedByUserId). Prints the run; exit code 1 when it failed. Tenants with a billing
 * schedule (RecurringScheduleService) need no cron: `wfe serve`'s sweeps start their runs.
 */
export const billingCommands: ModuleCommands = (program, open) => {
  const billing = program.commands.find((c) => c.name() === 'billing') ?? program.command('billing').description('billing: recurring billing runs by hand');
  billing
    .command('run-period <period>')
    .description('bill a calendar month (YYYY-MM) for one tenant: a draft invoice per active contract due in it')
    .requiredOption('--tenant <uuid>', 'the tenant to bill')
    .option('--user <uuid>', 'internal user the run is started by (default: the system)')
    .addHelpText('after', `\nOutput:\n${OUTPUT.map((l) => `  ${l}`).join('\n')}\n`)
    .action(async (period: string, opts: { tenant: string; user?: string }) => {
      for (const [name, value] of [['--tenant', opts.tenant], ['--user', opts.user]] as const) {
        if (value !== undefined && !isUuid(value)) throw new Error(`${name} must be a UUID`);
      }
      const app = await open();
      try {
        // Started like `wfe sweep`: the relay publishes the run's events before the app closes.
        app.runtime.start();
        const ctx = opts.user ? { tenantId: opts.tenant, actorUserId: opts.user } : { tenantId: opts.tenant, actorType: 'SYSTEM' as const };
        const run = await withEmissionContext(ctx, () => app.runtime.resolve(RecurringBillingService).run({ period }));
        process.stdout.write(`run ${run.id} for ${run.period}: ${run.status}\n`);
        if (run.status === 'failed') process.stdout.write(`  ${run.errorCode}: ${run.errorMessage}${run.retryable ? ' (retryable)' : ''}\n`);
        else process.stdout.write(`  ${run.invoicesCreated} invoice(s) drafted, ${run.alreadyBilledCount} already billed, ${run.failedCount} not billable\n`);
        for (const w of run.warnings) process.stdout.write(`  ! ${w}\n`);
        if (run.status === 'failed') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
};
