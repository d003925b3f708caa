// Counts what n8n writes to its SQLite database, per workflow, with triggers inside that database: each time n8n
// saves a workflow's static data (`UPDATE workflow_entity SET staticData = …`: the whole column, every time) and each
// time it writes a run's data (`execution_data.data`, inserted when the run is created and rewritten when it ends),
// the trigger adds one write and the UTF-8 length of the value written to a counter. A measurement of the values
// n8n hands SQLite, not an estimate; SQLite itself rewrites whole pages around them.
import { N8nDatabase } from './n8n-db';

export interface DbWrites {
	/** Static-data saves of the workflow and the bytes of the static-data JSON they wrote. */
	staticDataWrites: number;
	staticDataBytes: number;
	/** Inserts and rewrites of the workflow's run data (`execution_data.data`) and their bytes. */
	executionDataWrites: number;
	executionDataBytes: number;
}

const TABLE = 'bench_db_writes';

/** An upsert of one counter row: +1 write and +`bytes` for (`workflowId`, `kind`). */
const count = (workflowId: string, kind: string, value: string) =>
	`INSERT INTO ${TABLE} (workflowId, kind, writes, bytes) VALUES (${workflowId}, '${kind}', 1, COALESCE(length(CAST(${value} AS BLOB)), 0))
	 ON CONFLICT (workflowId, kind) DO UPDATE SET writes = writes + 1, bytes = bytes + excluded.bytes;`;

const runWorkflow = '(SELECT workflowId FROM execution_entity WHERE id = NEW.executionId)';

const INSTALL = `
CREATE TABLE IF NOT EXISTS ${TABLE} (workflowId TEXT NOT NULL, kind TEXT NOT NULL, writes INTEGER NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (workflowId, kind));
CREATE TRIGGER IF NOT EXISTS ${TABLE}_static AFTER UPDATE OF staticData ON workflow_entity BEGIN ${count('NEW.id', 'staticData', 'NEW.staticData')} END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_run_insert AFTER INSERT ON execution_data BEGIN ${count(runWorkflow, 'executionData', 'NEW.data')} END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_run_update AFTER UPDATE OF data ON execution_data BEGIN ${count(runWorkflow, 'executionData', 'NEW.data')} END;
`;

export class DbWriteMeter {
	constructor(private readonly db: N8nDatabase) {}

	/** The database of an n8n started by the harness (N8N_USER_FOLDER/.n8n/database.sqlite). */
	static forUserFolder(node24: string, userFolder: string): DbWriteMeter {
		return new DbWriteMeter(N8nDatabase.forUserFolder(node24, userFolder));
	}

	/** Creates the counters and triggers; call while n8n is idle (a schema change takes the write lock). */
	install(): void {
		this.db.exec(INSTALL);
	}

	/** The size in bytes of a workflow's static-data JSON as stored now. */
	staticDataSize(workflowId: string): number {
		const id = workflowId.replace(/'/g, "''");
		const rows = this.db.all<{ size: number }>(
			`SELECT COALESCE(length(CAST(staticData AS BLOB)), 0) AS size FROM workflow_entity WHERE id = '${id}'`,
		);
		return rows[0]?.size ?? 0;
	}

	/** Totals since install, per workflow id. */
	read(): Map<string, DbWrites> {
		const rows = this.db.all<{ workflowId: string; kind: string; writes: number; bytes: number }>(
			`SELECT workflowId, kind, writes, bytes FROM ${TABLE}`,
		);
		const totals = new Map<string, DbWrites>();
		for (const row of rows) {
			const entry = totals.get(row.workflowId) ?? {
				staticDataWrites: 0,
				staticDataBytes: 0,
				executionDataWrites: 0,
				executionDataBytes: 0,
			};
			if (row.kind === 'staticData') {
				entry.staticDataWrites += row.writes;
				entry.staticDataBytes += row.bytes;
			} else {
				entry.executionDataWrites += row.writes;
				entry.executionDataBytes += row.bytes;
			}
			totals.set(row.workflowId, entry);
		}
		return totals;
	}
}

/** What one workflow's writes grew by between two reads. */
export function writesBetween(
	before: Map<string, DbWrites>,
	after: Map<string, DbWrites>,
	workflowId: string,
): DbWrites {
	const zero: DbWrites = { staticDataWrites: 0, staticDataBytes: 0, executionDataWrites: 0, executionDataBytes: 0 };
	const a = before.get(workflowId) ?? zero;
	const b = after.get(workflowId) ?? zero;
	return {
		staticDataWrites: b.staticDataWrites - a.staticDataWrites,
		staticDataBytes: b.staticDataBytes - a.staticDataBytes,
		executionDataWrites: b.executionDataWrites - a.executionDataWrites,
		executionDataBytes: b.executionDataBytes - a.executionDataBytes,
	};
}
