import EmailReplyParser from 'email-reply-parser';

/**
 * The part of a reply the client wrote, without the quoted conversation below it ("On … wrote:",
 * `>` lines) and the signature, as email-reply-parser (a port of GitHub's EmailReplyParser) finds
 * it. Falls back to the whole text when nothing would remain.
 */
export function visibleReply(text: string): string {
  const visible = new EmailReplyParser().parseReply(text).trim();
  return visible || text.trim();
}
