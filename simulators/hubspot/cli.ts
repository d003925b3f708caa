// Starts the HubSpot simulator from the command line: npx tsx simulators/hubspot/cli.ts --port 8788
import { startHubSpotSimulator } from './index';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
	const port = Number(option('--port') ?? 8788);
	const sim = await startHubSpotSimulator({ port });
	const lines = [
		`HubSpot simulator on ${sim.url}  (portal ${sim.portalId}, app ${sim.appId})`,
		`  private-app token (local only):          ${sim.token}`,
		`  app client secret (local test secret):   ${sim.clientSecret}`,
		'  lists: POST /crm/lists/2026-09, GET|DELETE /crm/lists/2026-09/{listId}, GET|PUT …/{listId}/memberships[/add|/remove|/add-and-remove]',
		'  admin routes (no auth):',
		'    POST/PATCH/DELETE /_sim/crm/{contacts|companies|tickets|communications}[/{id}]   act as a person in HubSpot (webhooks: CRM_UI)',
		'    POST /_sim/crm/contacts/{id}/restore | /_sim/crm/contacts/merge | /_sim/crm/contacts/{id}/privacy-delete',
		'    GET|PUT /_sim/webhooks/settings   GET|POST /_sim/webhooks/subscriptions   GET /_sim/webhooks/sent   POST /_sim/webhooks/idle',
		'    PUT /_sim/rate-limits   POST /_sim/rate-limits/drain   PUT /_sim/search {indexLagMs}',
		'    POST|DELETE /_sim/faults   POST /_sim/latency   GET|DELETE /_sim/requests',
	];
	console.log(lines.join('\n'));
	const stop = () => {
		void sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
