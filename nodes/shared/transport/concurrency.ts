/**
 * Runs `work` over `inputs` with at most `limit` in flight, results in input order. Each result is settled
 * (value or error), so one failure never hides what the others did.
 */
export async function mapSettled<T, R>(
	inputs: T[],
	limit: number,
	work: (input: T, index: number) => Promise<R>,
): Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown }>> {
	const results: Array<{ ok: true; value: R } | { ok: false; error: unknown }> = new Array(inputs.length);
	let next = 0;
	const lane = async () => {
		while (next < inputs.length) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(inputs[index], index) };
			} catch (error) {
				results[index] = { ok: false, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, lane));
	return results;
}

export function chunk<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}
