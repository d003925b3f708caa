import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotSyncOAuth2Api } from '../../../../credentials/HubSpotSyncOAuth2Api.credentials';
import {
	associationsPath,
	HUBSPOT_API_VERSION,
	objectsPath,
	ownersPath,
	pipelinesPath,
	propertiesPath,
} from '../../../../nodes/shared/hubspot/api-version';

// One place names the HubSpot API version; every path is built from it and no shipped code names a numbered
// path (/crm/v3/…, /crm/v4/…), which HubSpot stops supporting in 2027. The simulator refuses those at run time;
// this catches one in code no test happens to run.

const ROOT = join(__dirname, '..', '..', '..', '..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe('HubSpot API version', () => {
	test('paths are date-based, with the version after the API name', () => {
		expect(HUBSPOT_API_VERSION).toBe('2026-09');
		expect(objectsPath('contacts', '/batch/upsert')).toBe('/crm/objects/2026-09/contacts/batch/upsert');
		expect(propertiesPath('tickets', '/kirim_conversation_id')).toBe(
			'/crm/properties/2026-09/tickets/kirim_conversation_id',
		);
		expect(pipelinesPath('tickets')).toBe('/crm/pipelines/2026-09/tickets');
		expect(ownersPath()).toBe('/crm/owners/2026-09');
		expect(associationsPath('tickets', 'contacts', '/batch/associate/default')).toBe(
			'/crm/associations/2026-09/tickets/contacts/batch/associate/default',
		);
	});

	test('both credentials’ tests call the same version', () => {
		expect(new HubSpotSyncApi().test.request.url).toBe(objectsPath('contacts'));
		expect(new HubSpotSyncOAuth2Api().test.request.url).toBe(objectsPath('contacts'));
	});

	test('no shipped code names a numbered HubSpot path', () => {
		const offenders = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))].filter((file) =>
			/['"`]\/crm\/v\d+\//.test(readFileSync(file, 'utf8')),
		);
		expect(offenders).toEqual([]);
	});
});
