import { expect } from 'chai';
import { CloudEvent, HTTP } from 'cloudevents';
import { v4 as uuidv4 } from 'uuid';
import { allModules } from '../../domains';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { newEventId } from '../../lib/bus/envelope';
import { subjectOf, toCloudEvent } from '../../lib/bus/cloudevent';
import { fromWireFields, toWireFields } from '../../lib/bus/wire';
import { EmissionPipeline } from '../../lib/emission/emission-pipeline';
import { CompiledValidator } from '../../lib/schema/compiled-validator';
import { SchemaRegistry } from '../../lib/schema/registry';
import { samplePayload } from '../../lib/schema/sample-payload';

describe('tooling: CloudEvents form of an envelope', () => {
  const registry = registryFor(allModules);
  const envelopeFor = (schemaRef: string, extra: Record<string, string> = {}) => {
    const def = registry.byRef(schemaRef)!;
    const payload = samplePayload(registry.jsonSchema(schemaRef)!, { seed: 3 });
    return { id: newEventId(), eventType: def.type, eventName: def.name, schemaRef, tenantId: payload.tenantId as string, occurredAt: payload.occurredAt as string, payload, ...extra };
  };

  it('every catalog event converts to a CloudEvent the SDK accepts in strict mode', () => {
    for (const def of registry.all()) {
      const envelope = envelopeFor(def.schemaRef);
      const ce = toCloudEvent(envelope);
      expect(ce.validate(), def.schemaRef).to.equal(true);
      expect(ce).to.deep.include({ specversion: '1.0', id: envelope.id, type: def.type, dataschema: `urn:wfe:schema:${def.schemaRef}`, tenantid: envelope.tenantId });
      expect(ce.data).to.deep.equal(envelope.payload);
    }
  });

  it('subject is the main entity id; tracing ids travel as extensions', () => {
    const correlationId = uuidv4();
    const envelope = envelopeFor('payload.InvoiceFinalized.v1', { correlationId, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    const ce = toCloudEvent(envelope, { source: 'https://psa.example.com/events', schemaBase: 'https://psa.example.com/schemas/' });
    expect(ce.subject).to.equal(envelope.payload.invoiceId);
    expect(ce).to.deep.include({ correlationid: correlationId, source: 'https://psa.example.com/events', dataschema: 'https://psa.example.com/schemas/payload.InvoiceFinalized.v1' });
    expect(subjectOf({ eventType: 'TICKET_COMMENT_ADDED', payload: { tenantId: 't', commentId: 'c', ticketId: 'x' } })).to.equal('x');
  });

  it('a subject the DTO declares wins over the inferred one, from emission through the outbox, the wire and CloudEvents', () => {
    const registry = registryFor(allModules);
    const declared = registry.all().find((d) => d.subject && d.subject !== `${d.type.split('_')[0].toLowerCase()}Id`)!;
    expect(declared, 'a DTO declaring an uncommon subject').to.not.equal(undefined);
    const payload = samplePayload(registry.jsonSchema(declared.schemaRef)!, { seed: 5 });
    const pipeline = new EmissionPipeline(registry, new CompiledValidator(registry));
    const envelope = pipeline.build(declared.type, payload);
    expect(envelope.subject).to.equal(payload[declared.subject!]);
    const wired = fromWireFields(toWireFields(envelope));
    expect(wired.subject).to.equal(envelope.subject);
    expect(toCloudEvent(wired).subject).to.equal(payload[declared.subject!]);
  });

  it('survives the SDK HTTP binding both ways (structured mode)', () => {
    const ce = toCloudEvent(envelopeFor('payload.InvoiceGenerated.v1'));
    const message = HTTP.structured(ce);
    const back = HTTP.toEvent({ headers: message.headers, body: message.body }) as CloudEvent<Record<string, unknown>>;
    expect(back.validate()).to.equal(true);
    expect(back).to.deep.include({ id: ce.id, type: 'INVOICE_GENERATED', tenantid: ce.tenantid, dataschema: ce.dataschema });
  });
});
