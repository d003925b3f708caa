/**
 * The "Timestamp Tolerance" parameter as seconds, or undefined when it is not a whole number ≥ 0. An unusable
 * value must not quietly become 0, which turns the replay window off: the caller refuses deliveries instead.
 */
export function toleranceSeconds(value: unknown): number | undefined {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
