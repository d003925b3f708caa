/** Why a signed request was refused; each reason is also a counter key and a README troubleshooting row. */
export type RejectionReason =
	| 'missing_signature'
	| 'malformed_signature'
	| 'missing_timestamp'
	| 'invalid_timestamp'
	| 'stale_timestamp'
	| 'future_timestamp'
	| 'no_matching_signature'
	| 'no_secret_configured';

export type Verdict = { ok: true; scheme: string } | { ok: false; reason: RejectionReason; detail: string };

export const reject = (reason: RejectionReason, detail: string): Verdict => ({ ok: false, reason, detail });

/**
 * Checks a signed timestamp against the clock in both directions (a far-future timestamp is a replay
 * waiting to happen). `toleranceSeconds` 0 turns the check off.
 */
export function checkTimestamp(timestampSeconds: number, nowMs: number, toleranceSeconds: number): Verdict | undefined {
	if (toleranceSeconds <= 0) return undefined;
	const ageSeconds = nowMs / 1000 - timestampSeconds;
	if (ageSeconds > toleranceSeconds) {
		return reject(
			'stale_timestamp',
			`signed ${Math.round(ageSeconds)} s ago; at most ${toleranceSeconds} s is accepted`,
		);
	}
	if (-ageSeconds > toleranceSeconds) {
		return reject(
			'future_timestamp',
			`signed ${Math.round(-ageSeconds)} s in the future; at most ${toleranceSeconds} s is accepted`,
		);
	}
	return undefined;
}
