// SQL against the SQLite database of an n8n the harness started, while it runs: for measuring what n8n writes and
// for injecting faults (a trigger that refuses n8n's inserts). Goes through Node 24's built-in node:sqlite in a
// child process (the harness itself runs on Node 20, which has no node:sqlite).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// argv: database file, 'exec' | 'all', SQL. Waits up to 10 s for n8n's own write lock.
const SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const [file, mode, sql] = process.argv.slice(1);
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 10000');
if (mode === 'exec') db.exec(sql); else process.stdout.write(JSON.stringify(db.prepare(sql).all()));
db.close();
`;

export class N8nDatabase {
	constructor(
		private readonly node24: string,
		readonly file: string,
	) {}

	/** The database of an n8n started by the harness (N8N_USER_FOLDER/.n8n/database.sqlite). */
	static forUserFolder(node24: string, userFolder: string): N8nDatabase {
		return new N8nDatabase(node24, join(userFolder, '.n8n', 'database.sqlite'));
	}

	private run(mode: 'exec' | 'all', sql: string): string {
		return execFileSync(this.node24, ['--no-warnings', '-e', SCRIPT, this.file, mode, sql], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
	}

	exec(sql: string): void {
		this.run('exec', sql);
	}

	all<Row>(sql: string): Row[] {
		return JSON.parse(this.run('all', sql)) as Row[];
	}
}
