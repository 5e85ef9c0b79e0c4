import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { allCommands } from './commands';
import { REPO, wfeAsync } from './run-cli';

const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

describe('wfe CLI: --version and every --help', function () {
  this.timeout(120_000);
  const commands = allCommands();

  it('wfe --version (and -V) prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await wfeAsync([flag]);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.equal(`${VERSION}\n`);
    }
  });

  it('wfe --help lists every command with what it does, and --version', async () => {
    const run = await wfeAsync(['--help']);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.include('-V, --version');
    for (const c of commands.filter((c) => c.path.length === 1)) expect(run.stdout, c.path.join(' ')).to.match(new RegExp(`\\n\\s+${c.path[0]}\\b.*\\S`));
  });

  it(`each command's --help says what it does, what every option is for and what it prints`, async () => {
    expect(commands.length).to.be.greaterThan(10);
    const runs = await Promise.all(commands.map((c) => wfeAsync([...c.path, '--help'])));
    commands.forEach((c, i) => {
      const name = `wfe ${c.path.join(' ')} --help`;
      const { status, stdout, stderr } = runs[i];
      expect(status, `${name}: ${stderr}`).to.equal(0);
      const description = c.command.description();
      expect(description, `${name}: description`).to.have.length.greaterThan(20);
      // Commander wraps help to the terminal width: compare with whitespace folded.
      expect(stdout.replace(/\s+/g, ' '), name).to.include(description.replace(/\s+/g, ' '));
      for (const o of c.command.options) expect(o.description, `${name}: ${o.flags}`).to.have.length.greaterThan(5);
      if (c.command.commands.length) {
        // A group: its help lists each subcommand with its own description.
        for (const sub of c.command.commands) expect(stdout, `${name} lists ${sub.name()}`).to.match(new RegExp(`\\n\\s+${sub.name()}\\b`));
      } else {
        const output = /\nOutput:\n((?: {2}\S.*\n)+)/.exec(stdout);
        expect(output, `${name} has an Output section:\n${stdout}`).to.not.equal(null);
        expect(output![1].trim().length, name).to.be.greaterThan(30);
      }
    });
  });

  it('a --json option says which JSON document it prints (object or array)', () => {
    for (const c of commands) {
      const json = c.command.options.find((o) => o.long === '--json');
      if (json) expect(json.description, `wfe ${c.path.join(' ')} --json`).to.match(/one JSON (object|array)/);
    }
  });
});
