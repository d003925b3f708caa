// Starts the Kirim simulator from the command line: npx tsx simulators/kirim/cli.ts --port 8787 [--allow-http-webhooks] [--tier pro]
import { startKirimSimulator } from './index';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : (process.argv[index + 1] ?? '');
}

async function main(): Promise<void> {
	const sim = await startKirimSimulator({
		port: Number(flag('port') ?? 8787),
		allowHttpWebhooks: process.argv.includes('--allow-http-webhooks'),
		tier: flag('tier') === 'pro' ? 'pro' : 'default',
		webhookTimeScale: Number(flag('time-scale') ?? 1),
	});
	console.log(`Kirim simulator on ${sim.url}`);
	console.log(`  API key (local only): ${sim.apiKey}   WhatsApp phone number id: ${sim.phoneNumberIds.join(', ')}`);
	console.log(
		'  admin: POST /_sim/contacts, PATCH /_sim/contacts/:id, POST /_sim/messages/inbound, POST /_sim/messages/status,',
	);
	console.log(
		'         POST /_sim/conversations/:id/assign|close, GET /_sim/contacts/:id[/labels], GET /_sim/deliveries,',
	);
	console.log('         GET /_sim/subscriptions, POST /_sim/faults');
	const stop = async () => {
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
