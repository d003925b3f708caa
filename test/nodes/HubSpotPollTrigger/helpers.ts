import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotPollTrigger } from '../../../nodes/HubSpotPollTrigger/HubSpotPollTrigger.node';
import type { Clock } from '../../../simulators/common/clock';
import {
	addSyncProperties,
	startHubSpotSimulator,
	type HubSpotSimulator,
	type HubSpotSimulatorOptions,
} from '../../../simulators/hubspot';
import { PollTriggerRun, type PollSetup } from '../../harness/poll';

/**
 * The simulator's clock: real time by default (the trigger's "From Now" and look-back read n8n's clock), held at a
 * moment while a test gives contacts one lastmodifieddate (or an old one, for a backfill), or moved ahead of real
 * time for good (search shows a write only once the simulator's clock has passed it, so it never goes back).
 */
export class TestClock implements Clock {
	private held?: number;
	private ahead = 0;

	now(): number {
		return this.held ?? Date.now() + this.ahead;
	}

	hold(ms: number): void {
		this.held = ms;
	}

	release(): void {
		this.held = undefined;
	}

	advance(ms: number): void {
		this.ahead += ms;
	}
}

export interface PollSim {
	sim: HubSpotSimulator;
	clock: TestClock;
}

export async function startPollSim(options: HubSpotSimulatorOptions = {}): Promise<PollSim> {
	const clock = new TestClock();
	const sim = await startHubSpotSimulator({ clock, searchPerSecond: 1000, ...options });
	addSyncProperties(sim.store);
	return { sim, clock };
}

export function pollTrigger(
	sim: HubSpotSimulator,
	parameters: INodeParameters,
	extra: Partial<PollSetup> = {},
): PollTriggerRun {
	return new PollTriggerRun({
		trigger: new HubSpotPollTrigger(),
		parameters,
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: {
			hubSpotSyncApi: {
				accessToken: sim.token,
				baseUrl: sim.url,
				clientSecret: sim.clientSecret,
				appId: String(sim.appId),
			},
		},
		...extra,
	});
}

export const idsOf = (items: INodeExecutionData[] | null): string[] =>
	(items ?? []).filter((i) => !i.json.idle).map((i) => String(i.json.id));

export const healthOf = (items: INodeExecutionData[] | null): IDataObject =>
	(items?.[0]?.json.syncHealth ?? {}) as IDataObject;

/** Searches the simulator received (the trigger's requests). */
export const searches = (sim: HubSpotSimulator) => sim.pipeline.log.entries.filter((e) => e.path.endsWith('/search'));
