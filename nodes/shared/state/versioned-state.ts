import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

/**
 * Records a node keeps in its static data outlive the package version that wrote them: n8n stores static data
 * with the workflow, and a user may upgrade (or downgrade) this package under an active workflow. So every
 * record carries a schema version `v` and is read through here (README "Versioning and upgrades"):
 * - version 0 is the unversioned format shipped before records carried versions (possibly flat keys);
 * - a record of an older version is upgraded one step at a time (n → n + 1) and rewritten by `loadState`;
 * - a record of a newer version than this code knows is refused, never overwritten, so a downgrade fails loudly
 *   instead of silently dropping what the newer version kept (a signing secret, a cursor, a dedupe window).
 */

/** One upgrade step: the data of a version-n record (without `v`) in the shape of version n + 1. Must not mutate its input. */
export type StateUpgrade = (record: IDataObject) => IDataObject;

/** The unversioned format (version 0), as the code before versions wrote it. */
export interface LegacyFormat {
	/** Picks the version-0 record out of the node's static data; undefined when there is none. */
	read: (staticData: IDataObject) => IDataObject | undefined;
	/** The static-data keys it occupies, removed when the record is written in the versioned format. */
	keys: readonly string[];
}

export interface StateSchema<T extends object> {
	/** Where the record lives in the node's static data. */
	key: string;
	/** What the record is, for messages ("Kirim subscription"). */
	label: string;
	/** The version this code writes (1 or more). */
	version: number;
	legacy?: LegacyFormat;
	/** `upgrades[n]` turns version n into n + 1; every step from the oldest readable version up must be there. */
	upgrades: Readonly<Record<number, StateUpgrade>>;
	/**
	 * Checks a current-version record (as stored, `v` included: a current record is not copied, as the dedupe
	 * snapshot is read on hot paths) and returns its typed value without `v`; undefined when its shape is wrong.
	 */
	decode: (record: IDataObject) => T | undefined;
	/** The stored form of a value (without `v`), when it is not the value itself. */
	encode?: (value: T) => IDataObject;
}

export type StateRead<T> =
	| { status: 'absent' }
	| { status: 'current'; value: T }
	| { status: 'upgraded'; value: T; from: number }
	| { status: 'newer'; found: number; message: string }
	| { status: 'unreadable'; message: string };

const PACKAGE = 'n8n-nodes-kirim';

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a record of any known version and upgrades it in memory; writes nothing. */
export function readState<T extends object>(staticData: IDataObject, schema: StateSchema<T>): StateRead<T> {
	const stored = staticData[schema.key];
	let version: number;
	let record: IDataObject;
	if (isRecord(stored) && stored.v !== undefined) {
		const v = stored.v;
		if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
			return {
				status: 'unreadable',
				message: `The ${schema.label} in static data has no valid format version (${JSON.stringify(v)})`,
			};
		}
		if (v > schema.version) {
			return {
				status: 'newer',
				found: v,
				message: `The ${schema.label} kept in this node's static data was written by a newer version of ${PACKAGE} (format ${v}; this version reads formats up to ${schema.version})`,
			};
		}
		version = v;
		record = stored;
	} else {
		const legacy = schema.legacy?.read(staticData);
		if (legacy) {
			version = 0;
			record = legacy;
		} else if (stored === undefined || stored === null) {
			return { status: 'absent' };
		} else {
			return {
				status: 'unreadable',
				message: `The ${schema.label} in static data is not in any format this version knows`,
			};
		}
	}
	for (let from = version; from < schema.version; from++) {
		const step = schema.upgrades[from];
		if (!step) return { status: 'unreadable', message: `No upgrade of the ${schema.label} from format ${from}` };
		const data = { ...record };
		delete data.v;
		record = step(data);
	}
	const value = schema.decode(record);
	if (value === undefined)
		return { status: 'unreadable', message: `The ${schema.label} in static data does not have the expected shape` };
	return version === schema.version ? { status: 'current', value } : { status: 'upgraded', value, from: version };
}

/** Writes the record in the current format (a new object each time, so n8n sees the change) and drops the legacy keys. */
export function writeState<T extends object>(staticData: IDataObject, schema: StateSchema<T>, value: T): void {
	const stored = schema.encode ? schema.encode(value) : (value as IDataObject);
	staticData[schema.key] = { v: schema.version, ...stored } as IDataObject;
	if (schema.legacy) dropKeys(staticData, schema.legacy.keys, schema.key);
}

/** Removes the record in every format. */
export function clearState<T extends object>(staticData: IDataObject, schema: StateSchema<T>): void {
	dropKeys(staticData, [schema.key, ...(schema.legacy?.keys ?? [])]);
}

function dropKeys(staticData: IDataObject, keys: readonly string[], keep?: string): void {
	for (const key of keys) if (key !== keep && key in staticData) delete staticData[key];
}

/**
 * The node-facing read: the record's value in the current format (rewritten there if it was older), or undefined
 * when there is none. An unreadable record counts as none (the next write replaces it). A record from a newer
 * version throws, leaving the record as it is.
 */
export function loadState<T extends object>(
	node: INode,
	staticData: IDataObject,
	schema: StateSchema<T>,
): T | undefined {
	const read = readState(staticData, schema);
	switch (read.status) {
		case 'current':
			return read.value;
		case 'upgraded':
			writeState(staticData, schema, read.value);
			return read.value;
		case 'newer':
			throw newerStateError(node, read.message);
		default:
			return undefined;
	}
}

/** The error for a record written by a newer package version (also for callers that read with `readState`). */
export function newerStateError(node: INode, message: string): NodeOperationError {
	return new NodeOperationError(node, message, {
		description: `Install that newer version of ${PACKAGE} again: this version left the record untouched, so nothing is lost.`,
	});
}
