/** HubSpot CRM object shapes, the same on the date-based versions as on v3 (https://developers.hubspot.com/docs/api-reference/2026-03/overview). */

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
	/** Set on records in the recycle bin (read with archived=true). */
	archivedAt?: string;
}

export interface HubSpotPaged<T> {
	results: T[];
	paging?: { next?: { after: string; link?: string } };
}
