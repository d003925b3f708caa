import type { IDataObject } from 'n8n-workflow';

import { readState, type StateSchema } from '../state/versioned-state';
import { DedupeWindow, type DedupeWindowOptions } from './window';

/**
 * What is kept in the trigger's static data so ids survive an n8n restart: [id, expiry in epoch ms], oldest first,
 * with a third element 1 on an id answered after the sender stopped waiting (kept beyond the newest ids). Readers
 * before that third element ignore it, so the format number stays 1.
 */
export type SnapshotEntry = [string, number] | [string, number, number];

export interface DedupeSnapshot {
	entries: SnapshotEntry[];
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
			(e): e is SnapshotEntry => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number',
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
	/** The newest recorded ids with their expiry, oldest first. */
	recent: Array<[string, number]>;
	/**
	 * Ids n8n answered after the sender had stopped waiting (or after it hung up), with their expiry: the sender
	 * counts those deliveries as failed and sends them again for its whole retry horizon, so the snapshot keeps
	 * them however many newer ids come in. The snapshot is `late` plus `recent`.
	 */
	late: Map<string, number>;
	/** Ids whose delivery n8n has not answered yet: a copy arriving meanwhile is neither run nor acknowledged. */
	inFlight: Set<string>;
	/**
	 * In-flight ids kept out of the snapshot until their answer is known: those of a delivery answered after the
	 * run, where n8n saves the static data after the run but before it answers — a failed run's id saved as seen
	 * would make the retry after a restart a "duplicate".
	 */
	heldBack: Set<string>;
	/**
	 * The snapshot list last built from `late`, `recent` and `heldBack`, until one of them changes. The "keep it
	 * marked until answered" loop rewrites the snapshot every millisecond per unanswered delivery; rebuilding a list
	 * of a thousand late ids each time saturated n8n in the real-n8n test.
	 */
	built?: SnapshotEntry[];
	persistedAt: number;
}

/** What a delivery's keys are to the store: never seen, seen and answered, or seen and still unanswered. */
export type Claim = 'new' | 'seen' | 'in_flight';

/** How n8n answered the delivery that claimed some keys. */
export type AnswerOutcome = { ok: boolean; late: boolean };

/**
 * One dedupe window per scope (a Kirim subscription, a webhook URL), shared by every request the process
 * handles for that scope. Static data is reloaded per request and saved last-writer-wins by n8n
 * (packages/cli/src/webhooks/live-webhooks.ts, packages/cli/src/workflows/workflow-static-data.service.ts), so it
 * only carries a capped snapshot of the newest ids, merged in once per process.
 */
export class DedupeStore {
	private readonly scopes = new Map<string, ScopeState>();

	scope(name: string, options: DedupeWindowOptions, nowMs: number): ScopeState {
		let state = this.scopes.get(name);
		if (!state) {
			state = {
				window: new DedupeWindow(options, nowMs),
				restored: false,
				recent: [],
				late: new Map(),
				inFlight: new Set(),
				heldBack: new Set(),
				persistedAt: 0,
			};
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
			// A snapshot from a newer package version is not merged here; the triggers refuse it first (claimDelivery).
			const snapshot = readSnapshot(staticData);
			if (snapshot) {
				state.window.merge(snapshot.entries, nowMs);
				const live = snapshot.entries.filter(([key]) => state.window.has(key, nowMs));
				const cut = Math.max(0, live.length - options.snapshotSize);
				state.recent = live.slice(cut).map(([key, expiry]) => [key, expiry]);
				// Only late ids are kept beyond the newest (see `late`), so what does not fit was late too.
				state.built = undefined;
				live.forEach(([key, expiry, late], i) => {
					if (i < cut || late === LATE) state.late.set(key, expiry);
				});
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
			state.built = undefined;
			state.recent.push([keys[i], nowMs + options.windowMs]);
			if (state.recent.length > options.snapshotSize) state.recent.shift();
		}
		if (recorded && nowMs - state.persistedAt >= (options.persistEveryMs ?? DEFAULT_PERSIST_EVERY_MS)) {
			this.persist(state, staticData);
			state.persistedAt = nowMs;
		}
		return fresh;
	}

	/**
	 * `checkAndRecord` for a delivery that n8n has yet to answer. Its new keys stay in flight until `settle`:
	 * while one of a delivery's keys is in flight, the whole delivery is `in_flight` and nothing of it is recorded
	 * (the caller answers a status the sender retries), so no copy is acknowledged before the first is safe.
	 */
	claim(
		scopeName: string,
		keys: string[],
		staticData: IDataObject,
		options: DedupeStoreOptions & { holdBack?: boolean },
		nowMs: number,
	): Claim[] {
		const state = this.scope(scopeName, options, nowMs);
		if (state.inFlight.size > 0 && keys.some((key) => state.inFlight.has(key))) return keys.map(() => 'in_flight');
		if (options.holdBack) {
			for (const key of keys) if (!state.window.has(key, nowMs)) state.heldBack.add(key);
			state.built = undefined;
		}
		const fresh = this.checkAndRecord(scopeName, keys, staticData, options, nowMs);
		const claims = fresh.map((isNew, i): Claim => {
			if (!isNew) return 'seen';
			state.inFlight.add(keys[i]);
			return 'new';
		});
		if (claims.includes('new')) state.built = undefined;
		return claims;
	}

	/**
	 * n8n answered the delivery that claimed `keys`. A 2xx keeps them (late: for the sender's retry horizon too);
	 * anything else forgets them, so the sender's retry runs.
	 */
	settle(scopeName: string, keys: string[], outcome: AnswerOutcome, staticData: IDataObject, nowMs: number): void {
		const state = this.scopes.get(scopeName);
		if (!state) return;
		let heldBack = false;
		state.built = undefined;
		for (const key of keys) {
			state.inFlight.delete(key);
			heldBack = state.heldBack.delete(key) || heldBack;
		}
		if (!outcome.ok) {
			this.forget(scopeName, keys, staticData);
			return;
		}
		if (outcome.late)
			for (const key of keys) if (state.window.has(key, nowMs)) state.late.set(key, this.expiryOf(state, key, nowMs));
		if (outcome.late || heldBack) this.persist(state, staticData);
	}

	/** Forgets keys of a run that failed, so the sender's retry runs again; the snapshot follows. */
	forget(scopeName: string, keys: string[], staticData: IDataObject): void {
		const state = this.scopes.get(scopeName);
		if (!state) return;
		state.built = undefined;
		for (const key of keys) {
			state.window.forget(key);
			state.late.delete(key);
			state.inFlight.delete(key);
			state.heldBack.delete(key);
		}
		const forgotten = new Set(keys);
		state.recent = state.recent.filter(([key]) => !forgotten.has(key));
		this.persist(state, staticData);
	}

	private expiryOf(state: ScopeState, key: string, nowMs: number): number {
		for (let i = state.recent.length - 1; i >= 0; i--) if (state.recent[i][0] === key) return state.recent[i][1];
		return nowMs + LATE_FALLBACK_MS;
	}

	/** Whether the scope merged its snapshot in this process (after that, static data is only written). */
	isRestored(scopeName: string): boolean {
		return this.scopes.get(scopeName)?.restored === true;
	}

	/** When the scope's snapshot was last written into static data (ms, 0 = never in this process). */
	persistedAt(scopeName: string): number {
		return this.scopes.get(scopeName)?.persistedAt ?? 0;
	}

	/**
	 * Writes the scope's snapshot into static data again (see `keepChangedUntilAnswered`), for the request that
	 * claimed `own`: n8n saves that request's static data only once its run exists, so its own keys are safe to
	 * keep (see `persist`).
	 */
	rewrite(scopeName: string, staticData: IDataObject, own: readonly string[] = []): void {
		const state = this.scopes.get(scopeName);
		if (state) this.persist(state, staticData, own);
	}

	/** Drops every scope (tests, and a trigger whose subscription was deleted). */
	clear(scopeName?: string): void {
		if (scopeName === undefined) this.scopes.clear();
		else this.scopes.delete(scopeName);
	}

	/**
	 * Built from the in-process list, not from the static data loaded with this request: requests running at the
	 * same time each load the last saved snapshot, and the last to save wins.
	 *
	 * Ids other requests still have in flight are left out. n8n saves a request's static data once that request's
	 * run exists, but the list also holds ids whose runs do not exist yet; if this process died then, a restarted
	 * process (or, in queue mode, another webhook process) would read those ids as handled and answer the sender's
	 * retry "duplicate" — an event acknowledged and never run. Left out, such an id is written by its own request's
	 * save or a later one; the worst case (a restart right after a burst, before a later save) is an id forgotten,
	 * whose redelivery then runs again with side effects this package makes idempotent. `own` are the keys of the
	 * request whose static data this is: kept, since n8n saves it only after that request's run exists.
	 */
	private persist(state: ScopeState, staticData: IDataObject, own: readonly string[] = []): void {
		// A new wrapper each time, so n8n sees the static data change; the list itself is not copied when no id is
		// late or in flight. Written as the literal DEDUPE_SNAPSHOT describes rather than through writeState: its
		// object spread, on every accepted delivery, cost verify + dedupe 0.62 → 0.54 × a bare HMAC in an A/B run of
		// bench/verify-dedupe.bench.ts.
		let entries: SnapshotEntry[] = state.recent;
		if (state.late.size > 0 || state.heldBack.size > 0 || state.inFlight.size > 0) {
			if (!state.built) {
				const all = state.late.size > 0 ? withLate(state) : state.recent;
				state.built = all.filter(([key]) => !state.heldBack.has(key) && !state.inFlight.has(key));
			}
			entries = this.withOwn(state, staticData, state.built, own);
		}
		staticData[DEDUPE_SNAPSHOT.key] = { v: DEDUPE_SNAPSHOT.version, entries } as unknown as IDataObject;
	}

	/** Per request's static data: the list last written there and what it was built from (the mark loop rewrites every millisecond). */
	private readonly written = new WeakMap<
		IDataObject,
		{ base: SnapshotEntry[]; own: readonly string[]; entries: SnapshotEntry[] }
	>();

	/** `base` plus the request's own in-flight keys that are not held back, reusing the last list while nothing changed. */
	private withOwn(
		state: ScopeState,
		staticData: IDataObject,
		base: SnapshotEntry[],
		own: readonly string[],
	): SnapshotEntry[] {
		const mine = own.filter((key) => state.inFlight.has(key) && !state.heldBack.has(key));
		if (mine.length === 0) return base;
		const last = this.written.get(staticData);
		if (last && last.base === base && last.own.length === mine.length && last.own.every((key, i) => key === mine[i]))
			return last.entries;
		const now = Date.now();
		const entries = base.concat(mine.map((key): SnapshotEntry => [key, this.expiryOf(state, key, now)]));
		this.written.set(staticData, { base, own: mine, entries });
		return entries;
	}
}

/** A late id's expiry when it already left the newest ids (the default window): never shorter than Kirim's horizon. */
const LATE_FALLBACK_MS = 48 * 3_600_000;

/** The optional third element of a snapshot entry: the id was answered late (see `late`). */
const LATE = 1;

/** `late` ids that are not among the newest, then the newest; late ids are marked, expired ones dropped. */
function withLate(state: ScopeState): SnapshotEntry[] {
	const now = Date.now();
	const inRecent = new Set(state.recent.map(([key]) => key));
	const older: SnapshotEntry[] = [];
	for (const [key, expiry] of state.late) {
		if (expiry <= now) state.late.delete(key);
		else if (!inRecent.has(key)) older.push([key, expiry, LATE]);
	}
	older.sort((a, b) => a[1] - b[1]);
	const newest = state.recent.map(([key, expiry]): SnapshotEntry =>
		state.late.has(key) ? [key, expiry, LATE] : [key, expiry],
	);
	return older.concat(newest);
}

/** The snapshot in the node's static data, from any known format version; anything else reads as none (never a crash). */
export function readSnapshot(staticData: IDataObject): DedupeSnapshot | undefined {
	const read = readState(staticData, DEDUPE_SNAPSHOT);
	return read.status === 'current' || read.status === 'upgraded' ? read.value : undefined;
}

/** The process-wide store every trigger of this package shares. */
export const dedupeStore = new DedupeStore();
