import { DomainModule } from './domain-module';

export class ModuleGraphError extends Error {
  readonly code = 'MODULE_GRAPH_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ModuleGraphError';
  }
}

/**
 * The given modules and everything they depend on, each once, dependencies first (the order
 * migrations run and demos tell their stories). Two different modules with one name, or a
 * dependency cycle, are refused naming the modules.
 */
export function resolveModules(modules: readonly DomainModule[]): DomainModule[] {
  const ordered: DomainModule[] = [];
  const byName = new Map<string, DomainModule>();
  const visiting: string[] = [];
  const visit = (m: DomainModule) => {
    const known = byName.get(m.name);
    if (known && known !== m) throw new ModuleGraphError(`Two different modules are named ${m.name}`);
    if (ordered.includes(m)) return;
    if (visiting.includes(m.name)) throw new ModuleGraphError(`Modules depend on each other in a circle: ${[...visiting.slice(visiting.indexOf(m.name)), m.name].join(' → ')}`);
    byName.set(m.name, m);
    visiting.push(m.name);
    for (const dep of m.dependsOn) visit(dep);
    visiting.pop();
    ordered.push(m);
  };
  for (const m of modules) visit(m);
  return ordered;
}
