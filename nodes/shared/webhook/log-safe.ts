/** Longest value from a request that goes into a log line; a longer one is cut and its length given. */
export const LOG_VALUE_MAX = 80;

/**
 * A value taken from a request (a header, an id) made fit for one log line: control characters become `?`, so a
 * sender cannot start a forged line, and anything past `max` characters is cut, so a sender cannot fill the log.
 * Headers are unsigned: anyone who can reach the URL chooses them.
 */
export function forLog(value: unknown, max = LOG_VALUE_MAX): string {
	const text = typeof value === 'string' ? value : String(value);
	let safe = '';
	const end = Math.min(text.length, max);
	for (let i = 0; i < end; i++) {
		const code = text.charCodeAt(i);
		safe += code < 0x20 || code === 0x7f ? '?' : text[i];
	}
	return text.length > max ? `${safe}… (${text.length} characters)` : safe;
}
