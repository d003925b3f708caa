import type { HubSpotErrorDetail } from './errors';

/**
 * HubSpot's communications object (objectTypeId 0-18): WhatsApp, LinkedIn and SMS messages logged on a record's
 * timeline (https://developers.hubspot.com/docs/api/crm/communications).
 */

/** "Supported values are WHATS_APP, LINKEDIN_MESSAGE, or SMS" (the communications guide). */
export const COMMUNICATION_CHANNEL_TYPES = ['WHATS_APP', 'LINKEDIN_MESSAGE', 'SMS'];

/** "This must be set to CRM in your request" (the communications guide, hs_communication_logged_from). */
export const COMMUNICATION_LOGGED_FROM = 'CRM';

const problem = (property: string, code: string, why: string): HubSpotErrorDetail => ({
	message: `Property values were not valid: ${property} ${why}`,
	code,
	context: { propertyName: [property] },
});

/**
 * Rules a communication create must meet (`current` is the communication's properties before the write, undefined
 * on create; updates are not checked, the guide says nothing of them): a channel type, and logged_from `CRM`.
 * A channel type outside the three is refused on every write by the property's options, as any enumeration value
 * is (schema.ts). Refusing a create that omits the channel type is inferred from the guide's wording.
 * `hs_timestamp` is not required: HubSpot does not document whether it is.
 */
export function communicationProblem(
	properties: Record<string, string | null>,
	current?: Record<string, string | null>,
): HubSpotErrorDetail | undefined {
	if (current) return undefined;
	const channel = properties.hs_communication_channel_type;
	if (!channel)
		return problem(
			'hs_communication_channel_type',
			'REQUIRED_PROPERTY',
			`is required when creating a communication (one of ${COMMUNICATION_CHANNEL_TYPES.join(', ')})`,
		);
	const loggedFrom = properties.hs_communication_logged_from;
	if (loggedFrom !== COMMUNICATION_LOGGED_FROM)
		return problem(
			'hs_communication_logged_from',
			loggedFrom ? 'INVALID_OPTION' : 'REQUIRED_PROPERTY',
			`must be set to ${COMMUNICATION_LOGGED_FROM} when creating a communication${loggedFrom ? ` (got "${loggedFrom}")` : ''}`,
		);
	return undefined;
}
