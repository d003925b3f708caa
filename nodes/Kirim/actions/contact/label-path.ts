import type { IExecuteFunctions } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { locatorValue, phoneNumberIdOf } from '../common.descriptions';

// Only the org-level POST /v1/contacts/{id}/labels and DELETE …/labels/{label_id} are documented
// (https://kirim-dev.pages.dev/api/operations/contactsidlabels/); the phone-scoped form is inferred.
export function labelPath(ctx: IExecuteFunctions, client: KirimClient, i: number, rest = ''): string {
	const contact = encodeURIComponent(locatorValue(ctx, 'contactId', i));
	return client.scopedPath('contacts', `/${contact}/labels${rest}`, phoneNumberIdOf(ctx, i), i);
}
