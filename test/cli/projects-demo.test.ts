import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, tempSqlite, wfe } from './run-cli';

describe('wfe demo: the projects story', function () {
  this.timeout(90_000);

  it('runs the onboarding project on its own; tasks unblock one another and the worker records every event', () => {
    const sqlite = tempSqlite();
    const config = path.join(path.dirname(sqlite), 'wfe.config.js');
    fs.writeFileSync(config, `module.exports = { modules: [require(${JSON.stringify(path.join(REPO, 'dist/domains/projects'))}).projectsModule] };\n`);
    const res = wfe(['--config', config, 'demo'], { WFE_SQLITE_FILE: sqlite });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    expect(res.stdout).to.contain('Projects: onboarding a new client').and.contain('refused: Task');
    const count = (type: string) => res.stdout.split('\n').filter((l) => new RegExp(`\\s${type}\\s`).test(l)).length;
    expect(count('PROJECT_TASK_DEPENDENCY_BLOCKED')).to.equal(3);
    expect(count('PROJECT_TASK_DEPENDENCY_UNBLOCKED')).to.equal(3);
    expect(count('PROJECT_TASK_COMPLETED')).to.equal(5);
    expect(count('PROJECT_STATUS_CHANGED')).to.equal(2);
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    // The projects story's own 28, plus the stories of the modules it depends on (tickets, CRM).
    expect(Number(committed)).to.be.at.least(28);
    expect(recorded).to.equal(committed);
  });
});
