import type { IPollFunctions } from 'n8n-workflow';

/**
 * Polls of one workflow node in flight in this n8n process. n8n starts a scheduled poll whether or not the previous
 * one has finished (n8n-core's TriggersAndPollers only counts the overlap), and two polls reading the same static
 * data would emit the same records: the later one skips its turn instead.
 */
const inFlight = new Set<string>();

export async function skipIfPolling<T>(ctx: IPollFunctions, label: string, poll: () => Promise<T>): Promise<T | null> {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (inFlight.has(key)) {
		ctx.logger.info(`${label}: the previous poll is still running; this one is skipped`);
		return null;
	}
	inFlight.add(key);
	try {
		return await poll();
	} finally {
		inFlight.delete(key);
	}
}
