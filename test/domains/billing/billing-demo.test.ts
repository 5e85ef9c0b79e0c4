import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, tempSqlite, wfe } from '../../cli/run-cli';

describe('wfe demo: the billing story', function () {
  this.timeout(90_000);

  it('bills a month: contract, recurring run, invoice sent, declined then paid Stripe webhooks, credit note, overdue', () => {
    const sqlite = tempSqlite();
    const config = path.join(path.dirname(sqlite), 'wfe.config.js');
    fs.writeFileSync(config, `module.exports = { modules: [require(${JSON.stringify(path.join(REPO, 'dist/domains/billing'))}).billingModule] };\n`);
    const res = wfe(['--config', config, 'demo'], { WFE_SQLITE_FILE: sqlite });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    expect(res.stdout).to.contain('Billing: a month for Northwind Dental');
    expect(res.stdout).to.contain('payment_intent.payment_failed: HTTP 200 "processed"').and.contain('payment_intent.succeeded: HTTP 200 "processed"');
    const count = (type: string) => res.stdout.split('\n').filter((l) => new RegExp(`\\s${type}\\s`).test(l)).length;
    for (const type of ['CONTRACT_CREATED', 'RECURRING_BILLING_RUN_COMPLETED', 'PAYMENT_FAILED', 'PAYMENT_RECORDED', 'PAYMENT_APPLIED', 'CREDIT_NOTE_CREATED', 'CREDIT_NOTE_APPLIED', 'INVOICE_OVERDUE']) {
      expect(count(type), type).to.equal(1);
    }
    expect(count('INVOICE_SENT')).to.equal(2);
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(recorded).to.equal(committed);
  });
});
