import { isUuid, ModuleCommands, withEmissionContext } from '../../lib/kit';
import { RecurringBillingService } from './recurring/recurring-billing-service';

/**
 * `wfe billing run-period <YYYY-MM> --tenant <uuid> [--user <uuid>] [--json]`: a recurring billing
 * run for one tenant and month, for a scheduler (cron) or by hand. Without --user the run is the
 * system's (no initiatedByUserId). Prints the run; exit code 1 when it failed. Its events go to the
 * outbox like any action's; a relay publishes them.
 */
export const billingCommands: ModuleCommands = (program, open) => {
  const billing = program.commands.find((c) => c.name() === 'billing') ?? program.command('billing').description('billing: recurring runs');
  billing
    .command('run-period <period>')
    .description('bill a calendar month (YYYY-MM) for one tenant: a draft invoice per active contract due in it')
    .requiredOption('--tenant <uuid>', 'the tenant to bill')
    .option('--user <uuid>', 'internal user the run is started by (default: the system)')
    .option('--json', 'print the run as JSON')
    .action(async (period: string, opts: { tenant: string; user?: string; json?: boolean }) => {
      for (const [name, value] of [['--tenant', opts.tenant], ['--user', opts.user]] as const) {
        if (value !== undefined && !isUuid(value)) throw new Error(`${name} must be a UUID`);
      }
      const app = await open();
      try {
        const ctx = opts.user ? { tenantId: opts.tenant, actorUserId: opts.user } : { tenantId: opts.tenant, actorType: 'SYSTEM' as const };
        const run = await withEmissionContext(ctx, () => app.runtime.resolve(RecurringBillingService).run({ period }));
        if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        else {
          process.stdout.write(`run ${run.id} for ${run.period}: ${run.status}\n`);
          if (run.status === 'failed') process.stdout.write(`  ${run.errorCode}: ${run.errorMessage}${run.retryable ? ' (retryable)' : ''}\n`);
          else process.stdout.write(`  ${run.invoicesCreated} invoice(s) drafted, ${run.alreadyBilledCount} already billed, ${run.failedCount} not billable\n`);
          for (const w of run.warnings) process.stdout.write(`  ! ${w}\n`);
        }
        if (run.status === 'failed') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
};
