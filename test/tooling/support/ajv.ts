import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SchemaRegistry } from '../../../lib/schema/registry';

/** An independent validator: ajv (draft-07, strict, full formats) over the exported JSON Schemas. */
export function ajvFor(registry: SchemaRegistry): (schemaRef: string) => ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  return (ref) => {
    let fn = cache.get(ref);
    if (!fn) {
      fn = ajv.compile(registry.jsonSchema(ref)!);
      cache.set(ref, fn);
    }
    return fn;
  };
}
