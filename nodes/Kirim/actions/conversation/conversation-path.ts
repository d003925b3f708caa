import type { IExecuteFunctions } from 'n8n-workflow';

import type { KirimClient } from '../../../shared/kirim/client';
import { locatorValue, phoneNumberIdOf } from '../common.descriptions';

// Only the org-level /v1/conversations/{id} is documented
// (https://kirim-dev.pages.dev/api/operations/conversationsid/patch/); the phone-scoped form is inferred.
export const conversationPath = (ctx: IExecuteFunctions, client: KirimClient, i: number) =>
	client.scopedPath(
		'conversations',
		`/${encodeURIComponent(locatorValue(ctx, 'conversationId', i))}`,
		phoneNumberIdOf(ctx, i),
		i,
	);
