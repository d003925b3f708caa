import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { HubSpotClient } from '../../shared/hubspot/client';
import { listOwners, ownerName } from '../../shared/hubspot/owners';
import {
	AUTO_STAGE,
	isClosedStage,
	listTicketPipelines,
	stagesOf,
	type TicketPipeline,
} from '../../shared/hubspot/pipelines';

/** Ticket pipelines of the portal, in HubSpot's order. */
export async function getTicketPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await HubSpotClient.create(this);
	return (await listTicketPipelines(client)).map((p) => ({ name: p.label, value: p.id, description: `ID ${p.id}` }));
}

const stageOptions = (pipeline: TicketPipeline, prefix = ''): INodePropertyOptions[] =>
	stagesOf(pipeline).map((s) => ({
		name: `${prefix}${s.label}${isClosedStage(s) ? ' (closed)' : ''}`,
		value: s.id,
		description: `Stage ID ${s.id}`,
	}));

/**
 * Stages of the chosen pipeline, after "Automatic". While the pipeline is an expression (not known in the
 * editor), every pipeline's stages are offered, named by pipeline.
 */
export async function getTicketStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await HubSpotClient.create(this);
	const chosen = String(this.getCurrentNodeParameter('pipeline') ?? '').trim();
	const pipelines = await listTicketPipelines(client);
	const pipeline = pipelines.find((p) => p.id === chosen);
	const automatic: INodePropertyOptions = {
		name: 'Automatic',
		value: AUTO_STAGE,
		description: 'Picked from the pipeline’s open and closed stages (see the field’s description)',
	};
	const stages = pipeline ? stageOptions(pipeline) : pipelines.flatMap((p) => stageOptions(p, `${p.label} › `));
	return [automatic, ...stages];
}

/** Active HubSpot owners (users who can own records), for the owner override table. */
export async function getOwners(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await HubSpotClient.create(this);
	const owners = (await listOwners(client)).filter((o) => !o.archived);
	return owners
		.map((o) => ({ name: `${ownerName(o)}${o.email ? ` (${o.email})` : ''}`, value: o.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
