/** Anything that can show the tail of n8n's log (the harness's N8nInstance). */
interface WithLog {
	logTail(lines?: number): string;
}

/**
 * Polls `probe` until it gives a value (anything but undefined or false) and returns it; past `timeoutMs` it fails
 * naming `what` (a function is asked at that moment, so it can say what the last probe saw), with the tail of n8n's
 * log when given, so a red test explains itself.
 */
export async function waitFor<T>(
	probe: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs: number,
	what: string | (() => string),
	n8n?: WithLog,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) {
			const log = n8n ? `\n--- n8n log (tail) ---\n${n8n.logTail(40)}` : '';
			throw new Error(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs} ms${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
