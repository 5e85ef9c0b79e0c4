import { expect } from 'chai';
import { allModules } from '../../domains';
import { catalogFor } from '../../lib/runtime/event-runtime';
import { loadConfig } from '../../src/config';
import { startupSummary, STATUS_LEGEND } from '../../src/summary';

describe('wfe serve: start-up summary', () => {
  const summary = startupSummary(loadConfig({}), catalogFor(allModules), { inserted: [], updated: [], unchanged: 29 }, 'http://127.0.0.1:8080');
  const lines = summary.split('\n');

  it('explains its status columns in one line, right under the table', () => {
    const header = lines.findIndex((l) => l.startsWith('CATEGORY'));
    const legend = lines.indexOf(STATUS_LEGEND);
    expect(legend, summary).to.be.greaterThan(header);
    // Categories may be several words (the spec has "Email Processing").
    expect(lines.slice(header + 2, legend).every((l) => /^\S.*?\s+\d+\s+\d+\s+\d+\s+\d+$/.test(l)), 'only table rows between').to.equal(true);
    for (const column of ['EMITTED', 'LEGACY', 'CATALOG-ONLY']) {
      expect(lines[header]).to.include(column);
      expect(STATUS_LEGEND).to.match(new RegExp(`\\b${column.toLowerCase()}: \\w+`));
    }
  });

  it('fits one screen', () => expect(lines.length).to.be.at.most(40));
});
