/** The raw messages of the demo's story, as a client's mail program and a receiving MTA would write them. */

const lines = (...l: string[]) => Buffer.from(l.join('\r\n') + '\r\n');

export const clientRequest = (from: string, to: string) =>
  lines(
    `Return-Path: <${from}>`,
    `From: Dana Reyes <${from}>`,
    `To: Support <${to}>`,
    'Subject: Scanner in reception stopped sending to email',
    `Message-ID: <scan-1.${Date.now()}@contoso-dental.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi, since this morning the scanner at reception no longer sends scans to email.',
    'Could you take a look? — Dana',
  );

export const clientAnswer = (from: string, to: string, inReplyTo: string, references: string[]) =>
  lines(
    `From: Dana Reyes <${from}>`,
    `To: ${to}`,
    'Subject: Re: Scanner in reception stopped sending to email',
    `Message-ID: <scan-2.${Date.now()}@contoso-dental.example>`,
    `In-Reply-To: <${inReplyTo}>`,
    `References: ${references.map((r) => `<${r}>`).join(' ')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Works again, thank you!',
  );

/** An RFC 3464 report for `recipient`, sent to the message's envelope sender, with the original headers. */
export const bounceReport = (envelopeSender: string, recipient: string, originalMessageId: string) =>
  lines(
    'Return-Path: <>',
    'From: Mail Delivery System <MAILER-DAEMON@mx.contoso-dental.example>',
    `To: ${envelopeSender}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <dsn.${Date.now()}@mx.contoso-dental.example>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
    '',
    '--r1',
    'Content-Type: text/plain',
    '',
    `Your message to <${recipient}> could not be delivered: user unknown.`,
    '',
    '--r1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.contoso-dental.example',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
    '',
    '--r1',
    'Content-Type: text/rfc822-headers',
    '',
    `To: ${recipient}`,
    `Message-ID: <${originalMessageId}>`,
    '',
    '--r1--',
  );
