import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { REPO } from '../cli/run-cli';

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
  optional?: boolean;
}

const LOCK = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

describe('tooling: a clean npm ci', () => {
  it('every locked package accepts this Node (npm ci prints no EBADENGINE warning)', () => {
    const refused = Object.entries(LOCK.packages)
      .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(process.version, (p.engines as Record<string, string>).node, { includePrerelease: true }))
      .map(([name, p]) => `${name}@${p.version} wants node ${(p.engines as Record<string, string>).node}`);
    expect(refused).to.deep.equal([]);
  });

  it('the package declares the Node it supports (>=20.19: ESM-only jose and openid-client load through require(esm)), and the lock is in step with package.json', () => {
    expect(PKG.engines.node).to.equal('>=20.19');
    expect(semver.satisfies(process.version, PKG.engines.node)).to.equal(true);
    // fastify's test injector (light-my-request) asks for cookie 2, which declares node >=22; cookie 1.1 has the same API on Node 20.
    expect(LOCK.packages['node_modules/light-my-request/node_modules/cookie']?.version).to.satisfy((v: string) => semver.satisfies(v, PKG.overrides['light-my-request'].cookie));
  });
});
