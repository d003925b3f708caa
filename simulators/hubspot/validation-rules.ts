import { HubSpotInvalid, type HubSpotErrorDetail } from './errors';
import type { InputProblem } from './objects';
import type { ObjectType } from './schema';
import type { CrmObject } from './store';

/**
 * A portal's own validation rules, which HubSpot applies to API writes from the 2026-09 version on
 * (https://developers.hubspot.com/changelog/crm-api-write-validation-enforcement): a property made required by
 * another's value (a conditional required property), and a property required when a record is created (the
 * record creator's requirements). Older versions write without them.
 */
export type ValidationRule =
	| {
			kind: 'conditionalRequired';
			objectType: ObjectType;
			property: string;
			/** The rule applies when this property has this value (after the write). */
			when: { property: string; equals: string };
	  }
	| { kind: 'requiredOnCreate'; objectType: ObjectType; property: string };

/**
 * HubSpot documents no batch behaviour under these rules, so the simulator can answer both ways: the whole
 * batch refused with one 400 (as a v3 batch without objectWriteTraceId fails), or only the offending inputs
 * failing, each as an entry of `errors[]`.
 */
export type RuleBatchMode = 'whole' | 'per-input';

export interface PortalValidation {
	rules: ValidationRule[];
	batch?: RuleBatchMode;
}

const filled = (value: string | null | undefined) => value !== undefined && value !== null && value !== '';

/** The first rule a record breaks after the write (`after`: its properties as they would be), if any. */
export function ruleProblem(
	rules: readonly ValidationRule[],
	objectType: ObjectType,
	after: Record<string, string | null | undefined>,
	creating: boolean,
): HubSpotErrorDetail | undefined {
	for (const rule of rules) {
		if (rule.objectType !== objectType || filled(after[rule.property])) continue;
		if (rule.kind === 'requiredOnCreate' && creating)
			return {
				code: 'MISSING_REQUIRED_PROPERTY',
				message: `A value for ${rule.property} must be provided`,
				context: { propertyName: [rule.property] },
			};
		if (rule.kind === 'conditionalRequired' && after[rule.when.property] === rule.when.equals)
			return {
				code: 'MISSING_CONDITIONAL_REQUIRED_PROPERTY',
				message: `${rule.property} is required because of a conditional property rule based on [${rule.when.property}]`,
				context: { propertyName: [rule.property] },
			};
	}
	return undefined;
}

/** The message of a write refused whole by these rules (the body HubSpot's changelog shows). */
export const RULES_REFUSED_MESSAGE = 'The property values provided are invalid';

/** A write checked against the portal's rules (`self`: the record it changes, none for a create). */
export function ruleInputProblem(
	portal: PortalValidation | undefined,
	objectType: ObjectType,
	properties: Record<string, string | null>,
	self?: CrmObject,
): InputProblem | undefined {
	if (!portal) return undefined;
	const detail = ruleProblem(portal.rules, objectType, { ...(self?.properties ?? {}), ...properties }, !self);
	return detail && { category: 'VALIDATION_ERROR', detail };
}

/** The 400 of a write (or a whole batch) these rules refuse, listing what each offending record lacks. */
export function rulesRefusal(details: HubSpotErrorDetail[]): HubSpotInvalid {
	return new HubSpotInvalid(RULES_REFUSED_MESSAGE, 'VALIDATION_ERROR', 400, details);
}
