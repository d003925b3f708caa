import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { KirimClient } from './client';

/**
 * `GET /v1/accounts` items come in three documented shapes (https://developers.kirim.chat/api/operations/accounts/ and
 * https://developers.kirim.chat/concepts/resource-ids/):
 * `{phone_number_id, phone_number, name}`, with `business_phone_number_id`, or `{id:"wba_…",
 * phone_number_id, display_phone_number, verified_name}`. All are read; an account still onboarding has no id.
 */
interface AccountItem {
	phone_number_id?: string | null;
	business_phone_number_id?: string | null;
	phone_number?: string | null;
	display_phone_number?: string | null;
	name?: string | null;
	verified_name?: string | null;
	status?: string;
}

export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await KirimClient.create(this);
	const response = await client.send({ method: 'GET', path: '/v1/accounts', qs: { status: 'all' } });
	const accounts = ((response.body as { data?: AccountItem[] }).data ?? []) as AccountItem[];
	return accounts
		.map((a) => ({ id: a.phone_number_id ?? a.business_phone_number_id ?? '', account: a }))
		.filter(({ id }) => /^\d{6,20}$/.test(id))
		.map(({ id, account }) => {
			const label = account.name ?? account.verified_name ?? 'WhatsApp number';
			const phone = account.phone_number ?? account.display_phone_number ?? id;
			return {
				name: `${label} (${phone})${account.status && account.status !== 'connected' ? ` – ${account.status}` : ''}`,
				value: id,
			};
		});
}

/**
 * For a single-number field whose empty value means "the credential's default number": n8n marks a value its
 * dropdown does not list ("The value "" is not supported!") as soon as the field is opened, so the default is an
 * entry of its own, first.
 */
export async function getPhoneNumbersOrDefault(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await getPhoneNumbers.call(this);
	return [
		{ name: 'Credential’s Default Number', value: '', description: 'The number set in the Kirim credential' },
		...numbers,
	];
}
