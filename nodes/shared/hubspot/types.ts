/** HubSpot CRM v3 shapes (https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide). */

export interface HubSpotErrorBody {
	status?: string;
	message: string;
	correlationId?: string;
	category?: string;
	subCategory?: string;
	policyName?: string;
	errors?: Array<{ message: string; code?: string; in?: string; context?: Record<string, unknown> }>;
	context?: Record<string, unknown>;
}

export interface HubSpotObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt?: string;
	updatedAt?: string;
	archived?: boolean;
}

export interface HubSpotPaged<T> {
	results: T[];
	paging?: { next?: { after: string; link?: string } };
}
