// Text a caller chose (a user agent, a comment, a name, a prompt) is kept in the permanent audit trail, so it is
// cleaned before it is hashed in: control characters (terminal escapes, NUL, C1 controls), bidi overrides and
// other invisible characters are written as a visible `<U+202E>`, so an auditor sees what was there and a viewer
// cannot be made to display something else; and every string is length-limited, so one request cannot grow a
// record without bound. Line breaks and tabs stay (comments may have them; JSON escapes them anyway).
// Must not break: cleaning is deterministic and idempotent, so a record hashes the same however often it is read.
import type { AuditEventView } from '@donatello/contracts';

/** User agents are identification, not content: the first 256 characters say everything useful. */
export const USER_AGENT_MAX = 256;
/** Any other string in a record; room for a 4,000-character prompt after redaction. */
export const AUDIT_TEXT_MAX = 8192;

const HIDDEN = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/gu;
const KEPT = new Set(['\n', '\t']);

/** The text with hidden characters made visible, at most `max` UTF-16 units long (`…` marks a cut). */
export function cleanCallerText(s: string, max: number = AUDIT_TEXT_MAX): string {
  const visible = s.replace(HIDDEN, (c) =>
    KEPT.has(c) ? c : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
  if (visible.length <= max) return visible;
  // Never cut a surrogate pair in half.
  let cut = max - 1;
  const last = visible.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${visible.slice(0, cut)}…`;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return cleanCallerText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanCallerText(k, 256), clean(v)]),
    );
  }
  return value;
}

/** The event as it may enter the chain: every string cleaned, the user agent shorter still. */
export function cleanEvent(event: AuditEventView): AuditEventView {
  const cleaned = clean(event) as AuditEventView;
  if (cleaned.userAgent !== undefined) cleaned.userAgent = cleanCallerText(cleaned.userAgent, USER_AGENT_MAX);
  return cleaned;
}
