import type { HubSpotClient } from './client';
import { pipelinesPath } from './api-version';
import type { ConversationStatus } from '../kirim/conversations';

/** A ticket pipeline as `GET /crm/pipelines/<version>/tickets` returns it. */
export interface TicketStage {
	id: string;
	label: string;
	displayOrder?: number;
	archived?: boolean;
	metadata?: Record<string, unknown>;
}

export interface TicketPipeline {
	id: string;
	label: string;
	displayOrder?: number;
	archived?: boolean;
	stages: TicketStage[];
}

/** HubSpot's default ticket pipeline ("Support Pipeline") has the id 0 in every portal. */
export const DEFAULT_TICKET_PIPELINE = '0';

/** The stage-mapping choice meaning "pick from the pipeline's stages", for open / pending / resolved / closed. */
export const AUTO_STAGE = 'auto';

const byOrder = <T extends { displayOrder?: number }>(a: T, b: T) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0);

/** Live stages in the order HubSpot shows them. */
export function stagesOf(pipeline: TicketPipeline): TicketStage[] {
	return (pipeline.stages ?? []).filter((s) => !s.archived).sort(byOrder);
}

/**
 * A closing stage. Ticket stages carry `metadata.ticketState` OPEN / CLOSED; `isClosed` is how deal stages (and,
 * in some portals, ticket stages) say it — both forms are accepted, as text or boolean.
 */
export function isClosedStage(stage: TicketStage): boolean {
	const meta = stage.metadata ?? {};
	return (
		String(meta.ticketState ?? '').toUpperCase() === 'CLOSED' || String(meta.isClosed ?? '').toLowerCase() === 'true'
	);
}

export async function listTicketPipelines(client: HubSpotClient): Promise<TicketPipeline[]> {
	const body = await client.json<{ results?: TicketPipeline[] }>({ method: 'GET', path: pipelinesPath('tickets') });
	return (body.results ?? []).filter((p) => !p.archived).sort(byOrder);
}

export async function getTicketPipeline(client: HubSpotClient, pipelineId: string): Promise<TicketPipeline> {
	return await client.json<TicketPipeline>({
		method: 'GET',
		path: pipelinesPath('tickets', `/${encodeURIComponent(pipelineId)}`),
	});
}

/** "Label (id)" of every stage, for error messages that tell the user what to pick instead. */
export function describeStages(pipeline: TicketPipeline): string {
	return stagesOf(pipeline)
		.map((s) => `${s.label} (${s.id})`)
		.join(', ');
}

/**
 * The stage an automatic choice stands for. open: the first open stage; pending: the second open stage (in
 * HubSpot's default pipeline "Waiting on contact"), else the first; resolved / closed: the first closing stage.
 * Undefined when the pipeline has no such stage.
 */
export function automaticStage(
	pipeline: TicketPipeline,
	status: ConversationStatus | 'closed',
): TicketStage | undefined {
	const stages = stagesOf(pipeline);
	const open = stages.filter((s) => !isClosedStage(s));
	if (status === 'open') return open[0];
	if (status === 'pending') return open[1] ?? open[0];
	return stages.find(isClosedStage);
}

/**
 * The stage id for a choice (a stage id or AUTO_STAGE) in this pipeline, or a message saying why there is none.
 * Checked here rather than left to HubSpot, so the message can list the stages the pipeline has.
 */
export function resolveStage(
	pipeline: TicketPipeline,
	choice: string,
	status: ConversationStatus | 'closed',
): { stageId: string } | { problem: string } {
	const name = `${pipeline.label} (${pipeline.id})`;
	if (!choice || choice === AUTO_STAGE) {
		const stage = automaticStage(pipeline, status);
		if (stage) return { stageId: stage.id };
		const kind = status === 'resolved' || status === 'closed' ? 'closed' : 'open';
		return {
			problem: `The pipeline ${name} has no ${kind} stage to pick automatically for "${status}"; choose a stage`,
		};
	}
	if (stagesOf(pipeline).some((s) => s.id === choice)) return { stageId: choice };
	return { problem: `"${choice}" is not a stage of the pipeline ${name}. Its stages: ${describeStages(pipeline)}` };
}
