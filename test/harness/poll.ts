import { PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	Workflow,
} from 'n8n-workflow';

import { createAdditionalData, createWorkflow } from './engine';

export interface PollSetup {
	trigger: INodeType;
	parameters: INodeParameters;
	credentialTypes: Record<string, ICredentialType>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Model n8n with N8N_POLLER_DURABLE_CURSORS_ENABLED: a poll that emits nothing still commits its static data.
	 * Off by default, as in n8n 2.41: static data is saved only when a poll emits items.
	 */
	durableCursors?: boolean;
	/** What getPollBudgetMs() answers (n8n's default without a lease: 5 minutes). */
	pollBudgetMs?: number;
}

export interface TestFetchResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string };
	/** The node's static data as the manual run left it. */
	staticData: IDataObject;
	/** Whether the manual run wrote to the workflow's static data at all. */
	staticDataChanged: boolean;
}

const NODE_NAME = 'Poll Trigger Under Test';
const TYPE = 'test.pollTrigger';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/**
 * A poll trigger in an active workflow, as n8n's poller runs it (n8n-core PollContext, mode "trigger"):
 * - the Workflow object and its static data live in memory across polls, as in one n8n process;
 * - `saved` is what n8n's database holds: the static data is written (as JSON) when a poll emits items —
 *   n8n's legacy poller saves on emit only — or after every poll with `durableCursors`; and after the first poll
 *   of an activation (n8n 2.41 workflow-trigger-activator saves static data once activation succeeded);
 * - `restart()` is n8n restarting: the in-memory static data is replaced by what was saved;
 * - `testFetch()` is the editor's "Fetch test event": a manual execution through WorkflowExecute on a copy of
 *   the saved static data, which n8n never saves.
 */
export class PollTriggerRun {
	/** The workflow's static data as n8n's database holds it. */
	saved: IDataObject = {};
	/** Every batch of items a poll emitted (one entry per poll that emitted). */
	readonly emitted: INodeExecutionData[][] = [];
	polls = 0;
	private workflow: Workflow;
	/** The next poll is the one n8n runs when it activates the workflow ('activate', or 'init' after a restart). */
	private activation: 'activate' | 'init' | undefined = 'activate';
	private readonly node: INode;

	constructor(private readonly setup: PollSetup) {
		this.node = {
			id: 'poll-trigger',
			name: NODE_NAME,
			type: TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: setup.parameters,
			credentials: Object.fromEntries(
				Object.keys(setup.credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }]),
			),
		};
		this.workflow = this.load();
	}

	private load(staticData: IDataObject = copy(this.saved)): Workflow {
		return createWorkflow([this.node], {}, { [TYPE]: this.setup.trigger }, staticData);
	}

	/** The node's static data in memory (what the next poll of this process reads). */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The node's static data as saved in the database. */
	get savedNodeStaticData(): IDataObject | undefined {
		return this.saved[`node:${NODE_NAME}`] as IDataObject | undefined;
	}

	/** One scheduled poll. Returns the emitted items, or null when the poll emitted nothing; a thrown error is the poll's error. */
	async poll(): Promise<INodeExecutionData[] | null> {
		this.polls++;
		const additionalData = createAdditionalData(
			this.workflow,
			this.setup.credentialTypes,
			this.setup.credentials ?? {},
			`poll-${this.polls}`,
		);
		let emitted: INodeExecutionData[][] | undefined;
		const budget = this.setup.pollBudgetMs;
		const ctx = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			'trigger',
			this.activation ?? 'update',
			(data) => {
				emitted = data;
			},
			(error) => {
				throw error;
			},
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
		const response = await this.setup.trigger.poll!.call(ctx);
		if (response !== null) ctx.__emit(response);
		// n8n also saves static data once the activation (and its first poll) succeeded, emitted or not.
		const activating = this.activation !== undefined;
		this.activation = undefined;
		if (emitted || this.setup.durableCursors || activating) this.save();
		if (!emitted) return null;
		const items = emitted[0] ?? [];
		this.emitted.push(items);
		return items;
	}

	/** Polls until one emits nothing; returns every item emitted on the way. */
	async drain(maxPolls = 1000): Promise<INodeExecutionData[]> {
		const all: INodeExecutionData[] = [];
		for (let n = 0; n < maxPolls; n++) {
			const items = await this.poll();
			if (!items) return all;
			all.push(...items);
		}
		throw new Error(`still emitting after ${maxPolls} polls`);
	}

	/** n8n's saveStaticData: written only when something marked the data as changed. */
	private save(): void {
		const root = this.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (root.__dataChanged !== true) return;
		this.saved = copy(root);
		root.__dataChanged = false;
	}

	/** n8n restarted: what the process held in memory is gone, the saved static data is loaded again. */
	restart(): void {
		this.workflow = this.load();
		this.activation = 'init';
	}

	/** The user changed the trigger's parameters and saved the active workflow: n8n reactivates it from the saved static data. */
	reconfigure(parameters: INodeParameters): void {
		this.node.parameters = parameters;
		this.workflow = this.load();
		this.activation = 'activate';
	}

	/** The editor's "Fetch test event": a manual execution started at the trigger; its static data is never saved. */
	async testFetch(): Promise<TestFetchResult> {
		const workflow = this.load();
		const additionalData = createAdditionalData(
			workflow,
			this.setup.credentialTypes,
			this.setup.credentials ?? {},
			'manual-fetch',
		);
		const run = await new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: workflow.getNode(NODE_NAME)!,
		});
		const task = run.data.resultData.runData[NODE_NAME]?.[0];
		const changed = (workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true;
		return {
			items: task?.data?.main?.[0] ?? [],
			error: (run.data.resultData.error ?? task?.error) as TestFetchResult['error'],
			staticData: copy(workflow.getStaticData('node', this.node)),
			staticDataChanged: changed,
		};
	}
}
