// Starts the HubSpot simulator from the command line: npx tsx simulators/hubspot/cli.ts --port 8788
import { startHubSpotSimulator } from './index';

async function main(): Promise<void> {
	const index = process.argv.indexOf('--port');
	const sim = await startHubSpotSimulator({ port: index === -1 ? 8788 : Number(process.argv[index + 1]) });
	console.log(`HubSpot simulator on ${sim.url}`);
	console.log(`  access token (local only): ${sim.token}`);
	console.log(`  app client secret (local test secret): ${sim.clientSecret}   app id: ${sim.appId}`);
	console.log('  admin: POST/PATCH /_sim/contacts, PUT /_sim/webhooks/settings, POST /_sim/webhooks/subscriptions, GET /_sim/webhooks/sent, POST /_sim/faults');
	const stop = async () => {
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
