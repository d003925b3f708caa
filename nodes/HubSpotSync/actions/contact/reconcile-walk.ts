import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { HealthTally } from '../../../shared/health/run-health';
import { batchRead } from '../../../shared/hubspot/batch';
import type { HubSpotClient } from '../../../shared/hubspot/client';
import { syncContactsToHubSpot, type ContactSyncRequest, type ContactSyncResult } from './contact-sync';
import { objectsWithProperty } from '../../../shared/hubspot/id-walk';
import type { HubSpotObject } from '../../../shared/hubspot/types';
import type { KirimClient } from '../../../shared/kirim/client';
import { syncKirimContactUpdate } from '../../../shared/kirim/contact-sync-update';
import { isKirimNotFound, kirimCodeOf } from '../../../shared/kirim/errors';
import { isKirimId } from '../../../shared/kirim/ids';
import {
	compareContact,
	createFields,
	type ContactDrift,
	type FieldDrift,
	type SourcedField,
} from '../../../shared/sync/drift';
import type { SyncHistory } from '../../../shared/sync/history';
import type { OwnershipRules } from '../../../shared/sync/ownership';

export type FindingKind = 'missing_in_crm' | 'field_differs' | 'missing_in_kirim' | 'error';
/**
 * off: Repair not chosen · written / nothing_to_write: the repair ran (nothing to write = already equal when it
 * re-read) · failed · not_repairable: no write can make the sides agree (why is on the field) · deferred: over
 * this run's Kirim write cap, the next run repairs it · report_only: missing in Kirim, never recreated.
 */
export type RepairStatus =
	'off' | 'written' | 'nothing_to_write' | 'failed' | 'not_repairable' | 'deferred' | 'report_only';

export interface Finding {
	kind: FindingKind;
	kirimContactId: string;
	hubspotId: string | null;
	repairIn: 'hubspot' | 'kirim' | null;
	fields: FieldDrift[];
	/** What the repair writes (or would, without Repair): HubSpot properties, or Kirim fields. */
	write: Record<string, unknown> | null;
	repair: RepairStatus;
	/** With Repair: the sync history of the write, as Upsert and the Kirim node's Update report it. */
	sync: SyncHistory | null;
	error?: string;
	/** missing_in_kirim: Kirim answered 404 for the id (false when it was not asked: over the confirmation cap). */
	confirmed?: boolean;
	hubspotProperties?: IDataObject;
}

export interface ReconcileSettings {
	idProperty: string;
	stampProperty?: string;
	/** HubSpot properties the mapping writes (read for the comparison). */
	targets: string[];
	fieldsOf: (contact: IDataObject) => SourcedField[];
	ownership: OwnershipRules;
	repair: boolean;
	/** Stop after this many Kirim contacts (whole pages of 100); 0 = walk to the end. */
	maxContacts: number;
	startCursor?: string;
	/** Kirim contacts repaired per run at most (Kirim's default write budget is 60 a minute); 0 = no cap. */
	kirimRepairsPerRun: number;
	checkMissingInKirim: boolean;
	/** False for "summary only": findings are counted, not kept (10 000 contacts must not become 10 000 items). */
	keepFindings: boolean;
	continueOnFail: boolean;
}

export interface ReconcileReport {
	findings: Finding[];
	counts: Record<FindingKind, number>;
	repairs: Record<RepairStatus, number>;
	kirimContacts: number;
	hubspotLinkedContacts: number | null;
	/** The walk reached the last Kirim page in this run. */
	complete: boolean;
	/** Where the next run continues (Max Contacts reached). */
	nextCursor?: string;
	/** The saved cursor was refused (invalid_cursor), so this run started from the first page. */
	restarted: boolean;
	missingInKirimChecked: boolean;
	requests: { kirim: number; hubspot: number };
}

/** Kirim reads spent confirming "missing in Kirim" (one GET each) in one run; beyond it, findings say confirmed: false. */
export const MISSING_CONFIRMATIONS_PER_RUN = 100;
const PAGE_SIZE = 100;

/** One reconcile run: the Kirim walk page by page (compare, then repair), then HubSpot's linked contacts. */
export class Reconciler {
	readonly report: ReconcileReport = {
		findings: [],
		counts: { missing_in_crm: 0, field_differs: 0, missing_in_kirim: 0, error: 0 },
		repairs: { off: 0, written: 0, nothing_to_write: 0, failed: 0, not_repairable: 0, deferred: 0, report_only: 0 },
		kirimContacts: 0,
		hubspotLinkedContacts: null,
		complete: false,
		restarted: false,
		missingInKirimChecked: false,
		requests: { kirim: 0, hubspot: 0 },
	};

	private readonly kirimIds = new Set<string>();
	private kirimRepairs = 0;
	private firstFailure?: { finding: Finding };

	constructor(
		private readonly node: INode,
		private readonly hubspot: HubSpotClient,
		private readonly kirim: KirimClient,
		private readonly settings: ReconcileSettings,
		private readonly tally: HealthTally,
	) {}

	async run(): Promise<ReconcileReport> {
		let fromStart = !this.settings.startCursor;
		try {
			await this.walkKirim(this.settings.startCursor);
		} catch (error) {
			// A cursor is tamper-evident and filter-bound (https://developers.kirim.chat/concepts/pagination/): a refused one
			// means start again.
			if (!this.settings.startCursor || this.report.kirimContacts > 0 || kirimCodeOf(error) !== 'invalid_cursor') {
				// Both constructors hand back an error of their own kind unchanged (as in per-item.ts).
				if (error instanceof NodeApiError) throw new NodeApiError(this.node, error as unknown as JsonObject);
				throw new NodeOperationError(this.node, error as Error);
			}
			this.report.restarted = true;
			fromStart = true;
			await this.walkKirim(undefined);
		}
		if (this.settings.checkMissingInKirim && this.report.complete && fromStart) await this.findMissingInKirim();
		if (this.firstFailure) {
			const { finding } = this.firstFailure;
			throw new NodeOperationError(
				this.node,
				`Reconcile could not repair Kirim contact ${finding.kirimContactId}: ${finding.error}`,
				{
					itemIndex: 0,
					description: 'Turn on Continue On Fail to get every finding, the failed repairs included, as items.',
				},
			);
		}
		return this.report;
	}

	private async walkKirim(startCursor: string | undefined): Promise<void> {
		const path = this.kirim.scopedPath('contacts', '', undefined, 0);
		for await (const page of this.kirim.listPages<IDataObject>(path, {}, PAGE_SIZE, 0, startCursor)) {
			this.report.requests.kirim++;
			await this.reconcilePage(page.items);
			this.report.kirimContacts += page.items.length;
			if (!page.nextCursor) {
				this.report.complete = true;
				return;
			}
			if (this.settings.maxContacts > 0 && this.report.kirimContacts >= this.settings.maxContacts) {
				this.report.nextCursor = page.nextCursor;
				return;
			}
		}
	}

	private record(finding: Finding): void {
		this.report.counts[finding.kind]++;
		this.report.repairs[finding.repair]++;
		if (finding.kind === 'error' || finding.repair === 'failed') this.tally.rejected();
		else if (finding.repair === 'written') this.tally.written();
		else this.tally.skipped();
		if (finding.repair === 'failed' && !this.settings.continueOnFail && !this.firstFailure)
			this.firstFailure = { finding };
		if (this.settings.keepFindings) this.report.findings.push(finding);
	}

	private async reconcilePage(contacts: IDataObject[]): Promise<void> {
		const { settings } = this;
		const ids = contacts.map((c) => String(c.id));
		for (const contact of contacts) {
			this.tally.read();
			this.tally.sawSourceUpdatedAt(contact.updated_at);
			this.kirimIds.add(String(contact.id));
		}
		const properties = [
			...new Set([
				...settings.targets,
				settings.idProperty,
				...(settings.stampProperty ? [settings.stampProperty] : []),
			]),
		];
		const { found: linked, requests } = await batchRead(this.hubspot, 'contacts', ids, properties, settings.idProperty);
		this.report.requests.hubspot += requests;

		const toHubSpot: Array<{ finding: Finding; request: ContactSyncRequest }> = [];
		const toKirim: Finding[] = [];
		/** In walk order, whatever order the repairs run in. */
		const found: Finding[] = [];
		for (const contact of contacts) {
			const kirimId = String(contact.id);
			const existing = linked.get(kirimId);
			let fields: SourcedField[];
			let drift: ContactDrift | undefined;
			let create: FieldDrift[] = [];
			try {
				fields = settings.fieldsOf(contact);
				if (existing) drift = compareContact(fields, existing.properties, contact, settings.ownership);
				else create = createFields(fields, settings.ownership);
			} catch (error) {
				const message = (error as Error).message;
				if (!settings.continueOnFail)
					throw new NodeOperationError(this.node, `Kirim contact ${kirimId}: ${message}`, { itemIndex: 0 });
				found.push({
					kind: 'error',
					kirimContactId: kirimId,
					hubspotId: existing?.id ?? null,
					repairIn: null,
					fields: [],
					write: null,
					repair: 'off',
					sync: null,
					error: message,
				});
				continue;
			}
			const request: ContactSyncRequest = {
				itemIndex: 0,
				kirimId,
				fields,
				ownership: settings.ownership,
				sourceUpdatedAt: contact.updated_at,
			};
			if (!drift) {
				const finding = this.finding(
					'missing_in_crm',
					kirimId,
					null,
					'hubspot',
					create,
					Object.fromEntries(create.map((f) => [f.field, f.kirim])),
				);
				toHubSpot.push({ finding, request });
				found.push(finding);
				continue;
			}
			const hubspotId = existing?.id ?? null;
			if (drift.hubspot.length) {
				const finding = this.finding('field_differs', kirimId, hubspotId, 'hubspot', drift.hubspot, drift.hubspotWrite);
				toHubSpot.push({ finding, request });
				found.push(finding);
			}
			if (drift.kirim.length) {
				const finding = this.finding('field_differs', kirimId, hubspotId, 'kirim', drift.kirim, drift.kirimWrite);
				if (!Object.keys(drift.kirimWrite).length) finding.repair = 'not_repairable';
				toKirim.push(finding);
				found.push(finding);
			}
		}
		if (settings.repair) {
			await this.repairInHubSpot(toHubSpot);
			await this.repairInKirim(toKirim);
		}
		for (const finding of found) this.record(finding);
	}

	private finding(
		kind: FindingKind,
		kirimContactId: string,
		hubspotId: string | null,
		repairIn: 'hubspot' | 'kirim',
		fields: FieldDrift[],
		write: Record<string, unknown>,
	): Finding {
		return { kind, kirimContactId, hubspotId, repairIn, fields, write, repair: 'off', sync: null };
	}

	/** The Upsert's own path: read, link by email/phone, create or update under the sync rules, stamp. */
	private async repairInHubSpot(work: Array<{ finding: Finding; request: ContactSyncRequest }>): Promise<void> {
		if (!work.length) return;
		const { results, requests } = await syncContactsToHubSpot(
			this.hubspot,
			work.map((w) => w.request),
			{
				idProperty: this.settings.idProperty,
				link: true,
				readBefore: true,
				onlyNewer: false,
				stampProperty: this.settings.stampProperty,
				now: () => new Date().toISOString(),
			},
		);
		this.report.requests.hubspot += requests;
		const byId = new Map<string, ContactSyncResult>(results.map((r) => [r.kirimId, r]));
		for (const { finding } of work) {
			const result = byId.get(finding.kirimContactId)!;
			finding.sync = result.history;
			finding.hubspotId = result.hubspotId ?? finding.hubspotId;
			if (result.error) {
				finding.repair = 'failed';
				finding.error = result.error.message;
			} else finding.repair = result.history.operation === 'skip' ? 'nothing_to_write' : 'written';
		}
	}

	/** The Kirim node's Update with sync rules: read, send only what differs, stamp the write against echoes. */
	private async repairInKirim(work: Finding[]): Promise<void> {
		const cap = this.settings.kirimRepairsPerRun;
		for (const finding of work) {
			if (finding.repair === 'not_repairable') continue;
			if (cap > 0 && this.kirimRepairs >= cap) {
				finding.repair = 'deferred';
				continue;
			}
			this.kirimRepairs++;
			const path = this.kirim.scopedPath('contacts', `/${encodeURIComponent(finding.kirimContactId)}`, undefined, 0);
			try {
				const { history } = await syncKirimContactUpdate(
					this.kirim,
					path,
					(finding.write ?? {}) as IDataObject,
					'merge',
					0,
				);
				this.report.requests.kirim += history.operation === 'skip' ? 1 : 2;
				finding.sync = history;
				finding.repair = history.operation === 'skip' ? 'nothing_to_write' : 'written';
			} catch (error) {
				this.report.requests.kirim++;
				finding.repair = 'failed';
				finding.error = (error as Error).message;
			}
		}
	}

	/**
	 * HubSpot contacts whose Kirim ID the walk did not meet. Only after a whole walk from the first page in this
	 * run (a partial walk has not seen every id). Each is confirmed with one Kirim read (404 = gone), so a
	 * contact created in Kirim after the walk passed it is not reported.
	 */
	private async findMissingInKirim(): Promise<void> {
		const { idProperty } = this.settings;
		const counter = { requests: 0 };
		const candidates: HubSpotObject[] = [];
		let linked = 0;
		for await (const page of objectsWithProperty(
			this.hubspot,
			'contacts',
			idProperty,
			[...this.settings.targets, idProperty],
			counter,
		)) {
			linked += page.length;
			for (const contact of page) {
				const id = contact.properties[idProperty];
				if (id && !this.kirimIds.has(id)) candidates.push(contact);
			}
		}
		this.report.requests.hubspot += counter.requests;
		this.report.hubspotLinkedContacts = linked;
		this.report.missingInKirimChecked = true;
		let asked = 0;
		for (const contact of candidates) {
			const kirimId = String(contact.properties[idProperty]);
			let confirmed = !isKirimId(kirimId, 'ctc');
			if (!confirmed && asked < MISSING_CONFIRMATIONS_PER_RUN) {
				asked++;
				this.report.requests.kirim++;
				try {
					await this.kirim.data<IDataObject>(
						{ method: 'GET', path: this.kirim.scopedPath('contacts', `/${encodeURIComponent(kirimId)}`, undefined, 0) },
						0,
					);
					continue; // it exists: created after the walk passed its place
				} catch (error) {
					confirmed = isKirimNotFound(error);
				}
			}
			this.record({
				kind: 'missing_in_kirim',
				kirimContactId: kirimId,
				hubspotId: contact.id,
				repairIn: null,
				fields: [],
				write: null,
				repair: 'report_only',
				sync: null,
				confirmed,
				hubspotProperties: { ...contact.properties },
			});
		}
	}
}
