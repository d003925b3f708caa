import type { HubSpotErrorDetail } from './errors';

/** The one ticket pipeline a new portal has; stage ids as HubSpot's defaults (inferred). */
export const TICKET_PIPELINE = {
	id: '0',
	label: 'Support Pipeline',
	displayOrder: 0,
	archived: false,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	stages: [
		{ id: '1', label: 'New', displayOrder: 0, metadata: { ticketState: 'OPEN' } },
		{ id: '2', label: 'Waiting on contact', displayOrder: 1, metadata: { ticketState: 'OPEN' } },
		{ id: '3', label: 'Waiting on us', displayOrder: 2, metadata: { ticketState: 'OPEN' } },
		{ id: '4', label: 'Closed', displayOrder: 3, metadata: { ticketState: 'CLOSED' } },
	].map((stage) => ({
		...stage,
		archived: false,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
	})),
};

export const TICKET_PIPELINES = [TICKET_PIPELINE];

/**
 * Rules a ticket write must meet. A new ticket needs a subject and a pipeline stage (HubSpot's tickets guide lists
 * hs_pipeline_stage as required; requiring subject too is our inference), and a stage must belong to its pipeline.
 * `current` is the ticket's properties before the write (undefined on create).
 */
export function ticketProblem(
	properties: Record<string, string | null>,
	current?: Record<string, string | null>,
): HubSpotErrorDetail | undefined {
	const merged = { ...(current ?? {}), ...properties };
	if (!current) {
		for (const required of ['subject', 'hs_pipeline_stage']) {
			if (!merged[required])
				return {
					message: `Property values were not valid: ${required} is required when creating a ticket`,
					code: 'REQUIRED_PROPERTY',
					context: { propertyName: [required] },
				};
		}
	}
	const pipelineId = merged.hs_pipeline ?? TICKET_PIPELINE.id;
	const pipeline = TICKET_PIPELINES.find((p) => p.id === pipelineId);
	if (!pipeline)
		return {
			message: `Property values were not valid: hs_pipeline "${pipelineId}" is not a ticket pipeline`,
			code: 'INVALID_OPTION',
			context: { propertyName: ['hs_pipeline'] },
		};
	const stage = merged.hs_pipeline_stage;
	if (stage && !pipeline.stages.some((s) => s.id === stage)) {
		return {
			message: `Property values were not valid: hs_pipeline_stage "${stage}" is not a stage of pipeline ${pipeline.id}`,
			code: 'INVALID_OPTION',
			context: { propertyName: ['hs_pipeline_stage'] },
		};
	}
	return undefined;
}
