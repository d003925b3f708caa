import type { IDataObject } from 'n8n-workflow';

import { readState, type StateSchema } from '../state/versioned-state';
import { DedupeWindow, type DedupeWindowOptions } from './window';

/** What is kept in the trigger's static data so ids survive an n8n restart: [id, expiry in epoch ms], oldest first. */
export interface DedupeSnapshot {
	entries: Array<[string, number]>;
}

/** Format 1 is the first: the snapshot carried `v: 1` from the start, so there is no unversioned format. */
export const DEDUPE_SNAPSHOT: StateSchema<DedupeSnapshot> = {
	key: 'dedupe',
	label: 'dedupe snapshot',
	version: 1,
	upgrades: {},
	decode: (record) => {
		if (!Array.isArray(record.entries)) return undefined;
		const entries = (record.entries as unknown[]).filter(
			(e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number',
		);
		return { entries };
	},
};

export interface DedupeStoreOptions extends DedupeWindowOptions {
	/** How many of the newest ids the static-data snapshot keeps. */
	snapshotSize: number;
	/**
	 * At most one snapshot rewrite per this many ms (0: with every accepted delivery, the triggers' default, so
	 * every acknowledged id survives a restart). Ids accepted since the last rewrite live only in this process
	 * until the next accepted delivery after the interval. Each rewrite is one more database write per run in
	 * n8n, which `npm run bench:e2e` shows under load: the triggers' "Save Dedupe State" option chooses.
	 */
	persistEveryMs?: number;
}

export const DEFAULT_PERSIST_EVERY_MS = 0;

interface ScopeState {
	window: DedupeWindow;
	restored: boolean;
	/** The newest recorded ids with their expiry, oldest first: exactly what the snapshot holds. */
	recent: Array<[string, number]>;
	persistedAt: number;
}

/**
 * One dedupe window per scope (a Kirim subscription, a webhook URL), shared by every request the process
 * handles for that scope. Static data is reloaded per request and saved last-writer-wins by n8n
 * (n8n-conventions.md §4), so it only carries a capped snapshot of the newest ids, merged in once per process.
 */
export class DedupeStore {
	private readonly scopes = new Map<string, ScopeState>();

	scope(name: string, options: DedupeWindowOptions, nowMs: number): ScopeState {
		let state = this.scopes.get(name);
		if (!state) {
			state = { window: new DedupeWindow(options, nowMs), restored: false, recent: [], persistedAt: 0 };
			this.scopes.set(name, state);
		} else {
			state.window.configure(options);
		}
		return state;
	}

	/**
	 * Merges the snapshot in static data into the scope's window (first request after a restart), records each
	 * key, and rewrites the snapshot when a new id was recorded. Returns which keys were new.
	 * No await between check and record: atomic within one process.
	 */
	checkAndRecord(
		scopeName: string,
		keys: string[],
		staticData: IDataObject,
		options: DedupeStoreOptions,
		nowMs: number,
	): boolean[] {
		const state = this.scope(scopeName, options, nowMs);
		if (!state.restored) {
			// A snapshot from a newer package version is not merged here; the triggers refuse it first (dedupeDelivery).
			const snapshot = readSnapshot(staticData);
			if (snapshot) {
				state.window.merge(snapshot.entries, nowMs);
				state.recent = snapshot.entries.filter(([key]) => state.window.has(key, nowMs)).slice(-options.snapshotSize);
			}
			state.restored = true;
		}
		const fresh: boolean[] = [];
		let recorded = false;
		for (let i = 0; i < keys.length; i++) {
			const isNew = state.window.checkAndRecord(keys[i], nowMs);
			fresh.push(isNew);
			if (!isNew) continue;
			recorded = true;
			state.recent.push([keys[i], nowMs + options.windowMs]);
			if (state.recent.length > options.snapshotSize) state.recent.shift();
		}
		if (recorded && nowMs - state.persistedAt >= (options.persistEveryMs ?? DEFAULT_PERSIST_EVERY_MS)) {
			this.persist(state, staticData);
			state.persistedAt = nowMs;
		}
		return fresh;
	}

	/** Forgets keys of a run that failed, so the sender's retry runs again; the snapshot follows. */
	forget(scopeName: string, keys: string[], staticData: IDataObject): void {
		const state = this.scopes.get(scopeName);
		if (!state) return;
		for (const key of keys) state.window.forget(key);
		const forgotten = new Set(keys);
		state.recent = state.recent.filter(([key]) => !forgotten.has(key));
		this.persist(state, staticData);
	}

	/** Whether the scope merged its snapshot in this process (after that, static data is only written). */
	isRestored(scopeName: string): boolean {
		return this.scopes.get(scopeName)?.restored === true;
	}

	/** When the scope's snapshot was last written into static data (ms, 0 = never in this process). */
	persistedAt(scopeName: string): number {
		return this.scopes.get(scopeName)?.persistedAt ?? 0;
	}

	/** Writes the scope's snapshot into static data again (see `keepChangedUntilAnswered`). */
	rewrite(scopeName: string, staticData: IDataObject): void {
		const state = this.scopes.get(scopeName);
		if (state) this.persist(state, staticData);
	}

	/** Drops every scope (tests, and a trigger whose subscription was deleted). */
	clear(scopeName?: string): void {
		if (scopeName === undefined) this.scopes.clear();
		else this.scopes.delete(scopeName);
	}

	/** Built from the in-process list, not from the static data loaded with this request: requests running at
	 * the same time each load the last saved snapshot, and the last to save wins. */
	private persist(state: ScopeState, staticData: IDataObject): void {
		// A new wrapper each time, so n8n sees the static data change; the list itself is not copied. Written as the
		// literal DEDUPE_SNAPSHOT describes rather than through writeState: its object spread, on every accepted
		// delivery, cost verify + dedupe 0.62 → 0.54 × a bare HMAC in an A/B run of bench/verify-dedupe.bench.ts.
		staticData[DEDUPE_SNAPSHOT.key] = { v: DEDUPE_SNAPSHOT.version, entries: state.recent } as unknown as IDataObject;
	}
}

/** The snapshot in the node's static data, from any known format version; anything else reads as none (never a crash). */
export function readSnapshot(staticData: IDataObject): DedupeSnapshot | undefined {
	const read = readState(staticData, DEDUPE_SNAPSHOT);
	return read.status === 'current' || read.status === 'upgraded' ? read.value : undefined;
}

/** The process-wide store every trigger of this package shares. */
export const dedupeStore = new DedupeStore();
