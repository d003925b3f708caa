import type { IDataObject } from 'n8n-workflow';

import { readState, type StateSchema } from '../state/versioned-state';
import { FewKeys } from './few-keys';
import { DedupeWindow, type DedupeWindowOptions } from './window';

/**
 * One remembered id: [id, expiry in epoch ms], with a third element 1 on an id answered after the sender stopped
 * waiting (kept beyond the newest ids).
 */
export type SnapshotEntry = [string, number] | [string, number, number];

export interface DedupeSnapshot {
	/** Oldest first. */
	entries: SnapshotEntry[];
}

/**
 * What is kept in the trigger's static data so ids survive an n8n restart (format 2): the ids, their expiries in
 * epoch seconds, and the positions of the late ones — three flat lists rather than a list of small lists. n8n wraps
 * every nested object of static data in a proxy each time it builds a workflow (ObservableObject in
 * packages/workflow/src/observable-object.ts), three times per webhook request: a list of 200 small lists cost
 * 600 proxies per delivery, three flat lists cost three.
 */
interface StoredSnapshot extends IdColumns {
	late: number[];
}

/** Ids and their expiries in epoch seconds, oldest first: the columns the snapshot stores, kept so in memory too. */
interface IdColumns {
	ids: string[];
	expires: number[];
}

/** Format 1 (the first, `v: 1` from the start): `entries` as [id, expiry ms, late?] lists. */
function upgradeFromFormat1(record: IDataObject): IDataObject {
	const entries = Array.isArray(record.entries) ? (record.entries as unknown[]).filter(isEntry) : [];
	return toStored(entries) as unknown as IDataObject;
}

function isEntry(e: unknown): e is SnapshotEntry {
	return Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number';
}

function toStored(entries: readonly SnapshotEntry[]): StoredSnapshot {
	const ids: string[] = new Array(entries.length);
	const expires: number[] = new Array(entries.length);
	const late: number[] = [];
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i];
		ids[i] = entry[0];
		expires[i] = toSeconds(entry[1]);
		if (entry[2] === LATE) late.push(i);
	}
	return { ids, expires, late };
}

export const DEDUPE_SNAPSHOT: StateSchema<DedupeSnapshot> = {
	key: 'dedupe',
	label: 'dedupe snapshot',
	version: 2,
	upgrades: { 1: upgradeFromFormat1 },
	decode: (record) => {
		const { ids, expires, late } = record as { ids?: unknown; expires?: unknown; late?: unknown };
		if (!Array.isArray(ids) || !Array.isArray(expires) || !Array.isArray(late)) return undefined;
		const lateAt = new Set(late);
		const entries: SnapshotEntry[] = [];
		for (let i = 0; i < ids.length; i++) {
			const id: unknown = ids[i];
			const expiry: unknown = expires[i];
			if (typeof id !== 'string' || typeof expiry !== 'number') continue;
			entries.push(lateAt.has(i) ? [id, expiry * 1000, LATE] : [id, expiry * 1000]);
		}
		return { entries };
	},
	encode: (value) => toStored(value.entries) as unknown as IDataObject,
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
	recent: IdColumns;
	/**
	 * Ids n8n answered after the sender had stopped waiting (or after it hung up), with their expiry: the sender
	 * counts those deliveries as failed and sends them again for its whole retry horizon, so the snapshot keeps
	 * them however many newer ids come in. The snapshot is `late` plus `recent`. Expiry in epoch seconds.
	 */
	late: Map<string, number>;
	/** Ids whose delivery n8n has not answered yet: a copy arriving meanwhile is neither run nor acknowledged. */
	inFlight: FewKeys;
	/**
	 * In-flight ids kept out of the snapshot until their answer is known: those of a delivery answered after the
	 * run, where n8n saves the static data after the run but before it answers — a failed run's id saved as seen
	 * would make the retry after a restart a "duplicate".
	 */
	heldBack: FewKeys;
	/**
	 * The snapshot list last built from `late`, `recent` and `heldBack`, until one of them changes. The "keep it
	 * marked until answered" loop rewrites the snapshot every millisecond per delivery answered after its run;
	 * rebuilding a list of a thousand late ids each time saturated n8n in the real-n8n test.
	 */
	built?: StoredSnapshot;
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
				recent: { ids: [], expires: [] },
				late: new Map(),
				inFlight: new FewKeys(),
				heldBack: new FewKeys(),
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
				const kept = live.slice(cut);
				state.recent = { ids: kept.map(([key]) => key), expires: kept.map(([, expiry]) => toSeconds(expiry)) };
				// Only late ids are kept beyond the newest (see `late`), so what does not fit was late too.
				state.built = undefined;
				live.forEach(([key, expiry, late], i) => {
					if (i < cut || late === LATE) state.late.set(key, toSeconds(expiry));
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
			const { ids, expires } = state.recent;
			ids.push(keys[i]);
			expires.push(toSeconds(nowMs + options.windowMs));
			if (ids.length > options.snapshotSize) {
				ids.shift();
				expires.shift();
			}
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
		state.recent = filterColumns(state.recent, (key) => !forgotten.has(key));
		this.persist(state, staticData);
	}

	/** A recorded id's expiry in epoch seconds. */
	private expiryOf(state: ScopeState, key: string, nowMs: number): number {
		const { ids, expires } = state.recent;
		for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === key) return expires[i];
		return toSeconds(nowMs + LATE_FALLBACK_MS);
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
	 * Writes the scope's snapshot into static data again (see `markWhenAnswerRead`, `keepChangedUntilAnswered`), for
	 * the request that claimed `own`: n8n saves that request's static data only once its run exists, so its own keys
	 * are safe to keep (see `persist`).
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
		// A new wrapper each time, so n8n sees the static data change; the columns themselves are not copied when
		// no id is late or in flight. Written as the literal DEDUPE_SNAPSHOT describes rather than through
		// writeState: its object spread, on every accepted delivery, cost verify + dedupe 0.62 → 0.54 × a bare HMAC
		// in an A/B run of bench/verify-dedupe.bench.ts.
		let stored: StoredSnapshot;
		if (state.late.size > 0 || state.heldBack.size > 0 || state.inFlight.size > 0) {
			state.built ??= buildSnapshot(state);
			stored = this.withOwn(state, staticData, state.built, own);
		} else {
			stored = { ids: state.recent.ids, expires: state.recent.expires, late: [] };
		}
		staticData[DEDUPE_SNAPSHOT.key] = {
			v: DEDUPE_SNAPSHOT.version,
			ids: stored.ids,
			expires: stored.expires,
			late: stored.late,
		} as unknown as IDataObject;
	}

	/** Per request's static data: the snapshot last written there and what it was built from (the mark loop rewrites every millisecond while a run answered after it goes on). */
	private readonly written = new WeakMap<
		IDataObject,
		{ base: StoredSnapshot; own: readonly string[]; stored: StoredSnapshot }
	>();

	/** `base` plus the request's own in-flight keys that are not held back, reusing the last one while nothing changed. */
	private withOwn(
		state: ScopeState,
		staticData: IDataObject,
		base: StoredSnapshot,
		own: readonly string[],
	): StoredSnapshot {
		const mine = own.filter((key) => state.inFlight.has(key) && !state.heldBack.has(key));
		if (mine.length === 0) return base;
		const last = this.written.get(staticData);
		if (last && last.base === base && last.own.length === mine.length && last.own.every((key, i) => key === mine[i]))
			return last.stored;
		const now = Date.now();
		const stored: StoredSnapshot = {
			ids: base.ids.concat(mine),
			expires: base.expires.concat(mine.map((key) => this.expiryOf(state, key, now))),
			late: base.late,
		};
		this.written.set(staticData, { base, own: mine, stored });
		return stored;
	}
}

/** A late id's expiry when it already left the newest ids (the default window): never shorter than Kirim's horizon. */
const LATE_FALLBACK_MS = 48 * 3_600_000;

/** The optional third element of a snapshot entry: the id was answered late (see `late`). */
const LATE = 1;

/**
 * The snapshot without ids in flight or held back: `late` ids that are not among the newest (oldest first), then
 * the newest; late ids are marked, expired ones dropped.
 */
function buildSnapshot(state: ScopeState): StoredSnapshot {
	const out: StoredSnapshot = { ids: [], expires: [], late: [] };
	const add = (key: string, expiry: number, late: boolean): void => {
		if (state.heldBack.has(key) || state.inFlight.has(key)) return;
		if (late) out.late.push(out.ids.length);
		out.ids.push(key);
		out.expires.push(expiry);
	};
	if (state.late.size > 0) {
		const nowSeconds = Date.now() / 1000;
		const inRecent = new Set(state.recent.ids);
		const older: Array<[string, number]> = [];
		for (const [key, expiry] of state.late) {
			if (expiry <= nowSeconds) state.late.delete(key);
			else if (!inRecent.has(key)) older.push([key, expiry]);
		}
		older.sort((a, b) => a[1] - b[1]);
		for (const [key, expiry] of older) add(key, expiry, true);
	}
	const { ids, expires } = state.recent;
	for (let i = 0; i < ids.length; i++) add(ids[i], expires[i], state.late.has(ids[i]));
	return out;
}

function filterColumns(columns: IdColumns, keep: (key: string) => boolean): IdColumns {
	const out: IdColumns = { ids: [], expires: [] };
	for (let i = 0; i < columns.ids.length; i++) {
		if (!keep(columns.ids[i])) continue;
		out.ids.push(columns.ids[i]);
		out.expires.push(columns.expires[i]);
	}
	return out;
}

/** Expiries are kept in whole seconds, rounded up: an id is never forgotten early. */
function toSeconds(ms: number): number {
	return Math.ceil(ms / 1000);
}

/** The snapshot in the node's static data, from any known format version; anything else reads as none (never a crash). */
export function readSnapshot(staticData: IDataObject): DedupeSnapshot | undefined {
	const read = readState(staticData, DEDUPE_SNAPSHOT);
	return read.status === 'current' || read.status === 'upgraded' ? read.value : undefined;
}

/** The process-wide store every trigger of this package shares. */
export const dedupeStore = new DedupeStore();
