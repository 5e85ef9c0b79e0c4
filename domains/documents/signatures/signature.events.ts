import { DateTimeField, DomainPayload, EmailField, NestedArrayField, StringField, UuidField } from '../../../lib/kit';
import { documents } from '../module';

const RATIONALE =
  'No e-signature subsystem or provider integration exists: nothing sends signing requests, collects signatures ' +
  'or tracks their expiry, so there is no action to emit this from. An integration with a signing provider ' +
  '(its signed webhooks) would emit the three signature events.';

/** One person asked to sign. */
export class DocumentSigner {
  @EmailField({ description: 'Where the signing request goes' }) email!: string;
  @StringField({ optional: true, description: 'Full name as it should appear on the signature' }) name?: string;
}

@documents.event({
  type: 'DOCUMENT_SIGNATURE_REQUESTED',
  name: 'Document Signature Requested',
  description:
    'One or more people were asked to sign a document (one signing request, several signers). Completion is ' +
    'DOCUMENT_SIGNED; a request that lapses is DOCUMENT_SIGNATURE_EXPIRED.',
  status: 'catalog-only',
  rationale: RATIONALE,
})
export class DocumentSignatureRequestedPayload extends DomainPayload {
  @UuidField({ description: 'The document to sign' }) documentId!: string;
  @UuidField({ description: 'The signing request' }) requestId!: string;
  @UuidField({ description: 'Internal user who sent the request' }) requestedByUserId!: string;
  @DateTimeField({ description: 'When it was sent' }) requestedAt!: string;
  @NestedArrayField(() => DocumentSigner, { description: 'Who must sign' }) signers!: DocumentSigner[];
  @DateTimeField({ optional: true, description: 'When the request lapses unless completed' }) expiresAt?: string;
}

@documents.event({
  type: 'DOCUMENT_SIGNED',
  name: 'Document Signed',
  description: 'Every required signature of a signing request was collected (once per request, not per signer).',
  status: 'catalog-only',
  rationale: RATIONALE,
})
export class DocumentSignedPayload extends DomainPayload {
  @UuidField({ description: 'The signed document' }) documentId!: string;
  @UuidField({ description: 'The signing request' }) requestId!: string;
  @DateTimeField({ description: 'When the last signature was collected' }) signedAt!: string;
  @EmailField({ optional: true, description: 'The last signer, when one person completed it' }) signerEmail?: string;
  @UuidField({ optional: true, description: 'The last signer as an internal user or contact, when known' }) signerId?: string;
}

@documents.event({
  type: 'DOCUMENT_SIGNATURE_EXPIRED',
  name: 'Document Signature Expired',
  description: 'A signing request lapsed (its expiresAt passed) before every signature was collected.',
  status: 'catalog-only',
  rationale: RATIONALE,
})
export class DocumentSignatureExpiredPayload extends DomainPayload {
  @UuidField({ description: 'The document' }) documentId!: string;
  @UuidField({ description: 'The signing request' }) requestId!: string;
  @DateTimeField({ description: 'When it lapsed' }) expiredAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    DOCUMENT_SIGNATURE_REQUESTED: DocumentSignatureRequestedPayload;
    DOCUMENT_SIGNED: DocumentSignedPayload;
    DOCUMENT_SIGNATURE_EXPIRED: DocumentSignatureExpiredPayload;
  }
}
